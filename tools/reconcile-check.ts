/**
 * Checks a running reconciliation service from outside against the specification's own JSON schemas (the W3C
 * Reconciliation API 0.2 folder: `schemas/` and, when present, `examples/`). Nothing of the project is used: it
 * speaks HTTP only, so it checks any deployment.
 *
 *   npm run reconcile:check -- <spec folder or its schemas/> [--url http://localhost:4000/reconcile] [--prefix IECM]
 *
 * It validates the manifest; entity, type and property suggestions; a query batch built from what the service
 * suggests (the batch itself is validated too); property proposals; a data extension; the preview; and that each
 * invalid example query batch of the specification is refused with a 4xx. Exit code 0: all passed; 1: a check
 * failed; 2: bad arguments.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Ajv, { type AnySchemaObject } from 'ajv';
import addFormats from 'ajv-formats';

const USAGE = `Usage: reconcile-check <spec folder | schemas folder> [--url URL] [--prefix TEXT]
  --url     the service endpoint (default http://localhost:4000/reconcile)
  --prefix  text to ask entity suggestions for (default IECM)
Exit codes: 0 all checks passed, 1 a check failed, 2 bad arguments.
Example: npm run reconcile:check -- ~/specs/reconciliation-api-0.2 --url http://localhost:4000/reconcile`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8')) as unknown;

/** The specification's schemas by file name, ready to validate. */
function loadSchemas(folder: string): Ajv {
  // The manifest's `authentication` refers to Swagger 2's security definitions; a service without
  // authentication never reaches it, so any value stands in for that external schema.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({
    $id: 'http://swagger.io/v2/schema.json',
    definitions: { securityDefinitions: { additionalProperties: {} } },
  });
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json') && name !== 'openapi.json')) {
    const schema = readJson(path.join(folder, file));
    if (!isRecord(schema)) throw new Error(`${file} is not a JSON schema`);
    // Their "$schema" (http://json-schema.org/schema#) names no draft ajv knows: read them as draft-07.
    const own: AnySchemaObject = { ...schema };
    delete own.$schema;
    ajv.addSchema(own, file);
  }
  return ajv;
}

interface Outcome {
  name: string;
  problems: string[];
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, prefix: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const given = positionals[0];
  if (!given || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const schemasFolder = existsSync(path.join(given, 'schemas')) ? path.join(given, 'schemas') : given;
  const examplesFolder = path.join(schemasFolder, '..', 'examples');
  const endpoint = (values.url ?? 'http://localhost:4000/reconcile').replace(/\/+$/, '');
  const ajv = loadSchemas(schemasFolder);
  const outcomes: Outcome[] = [];

  const check = (name: string, schemaFile: string, value: unknown): void => {
    const validate = ajv.getSchema(schemaFile);
    if (!validate) throw new Error(`No schema ${schemaFile} in ${schemasFolder}`);
    const problems = validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
    outcomes.push({ name, problems });
  };
  const fail = (name: string, problem: string): void => {
    outcomes.push({ name, problems: [problem] });
  };
  const fetchJson = async (url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(url, init);
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: response.status, body: text };
    }
  };
  const service = (definition: unknown): string | null =>
    isRecord(definition) && typeof definition.service_url === 'string' && typeof definition.service_path === 'string'
      ? `${definition.service_url}${definition.service_path}`
      : null;
  const post = (fields: Record<string, string>): Promise<{ status: number; body: unknown }> =>
    fetchJson(endpoint, { method: 'POST', body: new URLSearchParams(fields) });

  const manifest = (await fetchJson(endpoint)).body;
  check('manifest', 'manifest.json', manifest);
  if (!isRecord(manifest)) return report(outcomes);
  const suggest = isRecord(manifest.suggest) ? manifest.suggest : {};
  const defaultType =
    Array.isArray(manifest.defaultTypes) && isRecord(manifest.defaultTypes[0]) ? manifest.defaultTypes[0] : null;

  let entity: { id: string; name: string } | null = null;
  const entityUrl = service(suggest.entity);
  if (entityUrl) {
    const { body } = await fetchJson(`${entityUrl}?prefix=${encodeURIComponent(values.prefix ?? 'IECM')}`);
    check('suggest entity', 'suggest-entities-response.json', body);
    const first: unknown = isRecord(body) && Array.isArray(body.result) ? body.result[0] : undefined;
    if (isRecord(first) && typeof first.id === 'string' && typeof first.name === 'string') {
      entity = { id: first.id, name: first.name };
    } else fail('suggest entity', 'no entity suggested to reconcile with; try another --prefix');
  }
  const typeUrl = service(suggest.type);
  if (typeUrl) check('suggest type', 'suggest-types-response.json', (await fetchJson(`${typeUrl}?prefix=a`)).body);
  const propertyUrl = service(suggest.property);
  if (propertyUrl) {
    check('suggest property', 'suggest-properties-response.json', (await fetchJson(`${propertyUrl}?prefix=`)).body);
  }

  if (entity) {
    const batch: Record<string, unknown> = {
      q0: { query: entity.name },
      q1: { query: entity.name.toLowerCase(), limit: 3 },
      ...(typeof defaultType?.id === 'string'
        ? { q2: { query: entity.name, type: defaultType.id, type_strict: 'should' } }
        : {}),
    };
    check('query batch sent', 'reconciliation-query-batch.json', batch);
    const answer = await post({ queries: JSON.stringify(batch) });
    check('reconciliation result batch', 'reconciliation-result-batch.json', answer.body);
    const best: unknown =
      isRecord(answer.body) && isRecord(answer.body.q0) && Array.isArray(answer.body.q0.result)
        ? answer.body.q0.result[0]
        : undefined;
    if (!isRecord(best) || best.id !== entity.id)
      fail('reconciliation', `"${entity.name}" did not find ${entity.id} first`);

    const extend = isRecord(manifest.extend) ? manifest.extend : null;
    const proposeUrl = extend ? service(extend.propose_properties) : null;
    if (proposeUrl) {
      const type = typeof defaultType?.id === 'string' ? defaultType.id : '';
      const proposal = (await fetchJson(`${proposeUrl}?type=${encodeURIComponent(type)}`)).body;
      check('property proposal', 'data-extension-property-proposal.json', proposal);
      const properties = isRecord(proposal) && Array.isArray(proposal.properties) ? proposal.properties : [];
      const query = {
        ids: [entity.id],
        properties: properties.flatMap((property) =>
          isRecord(property) && typeof property.id === 'string' ? [{ id: property.id }] : [],
        ),
      };
      check('data extension query sent', 'data-extension-query.json', query);
      check(
        'data extension response',
        'data-extension-response.json',
        (await post({ extend: JSON.stringify(query) })).body,
      );
    }
    const preview =
      isRecord(manifest.preview) && typeof manifest.preview.url === 'string' ? manifest.preview.url : null;
    if (preview) {
      const response = await fetch(preview.replace('{{id}}', encodeURIComponent(entity.id)));
      const type = response.headers.get('content-type') ?? '';
      if (response.status !== 200 || !type.includes('text/html')) fail('preview', `HTTP ${response.status} ${type}`);
      else outcomes.push({ name: 'preview', problems: [] });
    }
  }

  const invalidFolder = path.join(examplesFolder, 'reconciliation-query-batch', 'invalid');
  if (existsSync(invalidFolder)) {
    for (const file of readdirSync(invalidFolder).sort()) {
      const { status } = await post({ queries: readFileSync(path.join(invalidFolder, file), 'utf8') });
      if (status >= 400 && status < 500) outcomes.push({ name: `invalid example ${file} refused`, problems: [] });
      else fail(`invalid example ${file} refused`, `answered HTTP ${status}`);
    }
  }
  return report(outcomes);
}

function report(outcomes: Outcome[]): number {
  for (const { name, problems } of outcomes) {
    console.log(`${problems.length === 0 ? 'PASS' : 'FAIL'}  ${name}`);
    for (const problem of problems.slice(0, 10)) console.log(`      ${problem}`);
  }
  const failed = outcomes.filter((outcome) => outcome.problems.length > 0).length;
  console.log(`\n${outcomes.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
