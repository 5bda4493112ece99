/**
 * The project's own JSON schemas of the reconciliation service (tests/fixtures/reconciliation/schemas), compiled
 * once with ajv, and the example query batches beside them. Nothing here reads outside the project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type AnySchemaObject } from 'ajv';
import addFormats from 'ajv-formats';

const ROOT = join(__dirname, '..', 'fixtures', 'reconciliation');
const SCHEMAS = join(ROOT, 'schemas');

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

function schemaObject(value: unknown, file: string): AnySchemaObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file}: not a schema`);
  return value;
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
for (const file of readdirSync(SCHEMAS)) ajv.addSchema(schemaObject(readJson(join(SCHEMAS, file)), file));

/** The schema references the tests validate against: a file's `$id`, optionally with a `#/$defs/...` pointer. */
export type SchemaRef =
  | 'manifest.json'
  | 'types.json'
  | 'result-batch.json'
  | 'suggest-entities.json'
  | 'properties.json#/$defs/suggestions'
  | 'properties.json#/$defs/proposal'
  | 'extension.json'
  | 'error.json'
  | 'query-batch.json';

/** The schema's complaints about `value`, as readable text; empty when it is valid. */
export function schemaErrors(ref: SchemaRef, value: unknown): string[] {
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`No schema ${ref}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/** The example query batches, by file name, valid or invalid. */
export function exampleBatches(which: 'valid' | 'invalid'): [string, unknown][] {
  const folder = join(ROOT, 'queries', which);
  return readdirSync(folder)
    .sort()
    .map((file) => [file, readJson(join(folder, file))]);
}
