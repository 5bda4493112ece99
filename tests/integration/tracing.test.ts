/**
 * OpenTelemetry tracing is off without OTEL_EXPORTER_OTLP_ENDPOINT; with it, each Cypher query becomes a client
 * span named after its declared query. The spans are kept in memory here: the OTLP exporter's HTTP transport cannot
 * load inside jest (docs/operations.md, Tracing, tells how it was checked against a collector).
 */
import { tracing as sdk } from '@opentelemetry/sdk-node';
import { SpanKind } from '@opentelemetry/api';
import { readGraphCounts } from '../../src/features/dataset/dataset.repository';
import { startTracing } from '../../src/shared/tracing';
import { testDatabase } from '../support/test-server';

describe('tracing', () => {
  it('is off without an OTLP endpoint', () => {
    expect(startTracing({})).toBeNull();
  });

  it('makes a client span per Cypher query, named after the declared query, without parameter values', async () => {
    // Shutting down flushes the spans to the exporter, which then forgets them: keep a copy of each batch.
    const spans: sdk.ReadableSpan[] = [];
    const exporter = new sdk.InMemorySpanExporter();
    const keep = exporter.export.bind(exporter);
    exporter.export = (batch, done) => {
      spans.push(...batch);
      keep(batch, done);
    };
    const tracing = startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' }, exporter);
    expect(tracing).not.toBeNull();
    const db = testDatabase();
    try {
      await readGraphCounts(db);
    } finally {
      await db.close();
      await tracing?.shutdown();
    }
    const query = spans.find((span) => span.name === 'dataset.counts');
    expect(query?.kind).toBe(SpanKind.CLIENT);
    expect(query?.attributes['db.system']).toBe('neo4j');
    expect(query?.attributes['db.namespace']).toBe('neo4j');
    expect(String(query?.attributes['db.query.text'])).toContain('MATCH (n:Entity)');
  });
});
