/**
 * Reading parsed JSON (GraphQL answers, Cypher rows sent over HTTP) without casts: each helper checks the shape it
 * expects and throws a message that names what was found instead, so a malformed answer fails loudly.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const describe = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` (object keys or array indices) inside `value`. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === 'number' && Array.isArray(current)) current = current[step];
    else if (typeof step === 'string' && isRecord(current)) current = current[step];
    else
      throw new Error(
        `expected ${typeof step === 'number' ? 'a list' : 'an object'} at "${step}", got ${describe(current)}`,
      );
  }
  return current;
}

export function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`expected a list, got ${describe(value)}`);
  return value;
}

export function text(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${describe(value)}`);
  return value;
}

export function count(value: unknown): number {
  if (typeof value !== 'number') throw new Error(`expected a number, got ${describe(value)}`);
  return value;
}

export function flag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new Error(`expected a boolean, got ${describe(value)}`);
  return value;
}

export const texts = (value: unknown): string[] => list(value).map(text);

/** The only item of a list (a top-level `entities(where: {id})` answer, a one-row Cypher result). */
export function only(value: unknown): unknown {
  const items = list(value);
  if (items.length !== 1) throw new Error(`expected exactly one item, got ${items.length}: ${describe(value)}`);
  return items[0];
}
