/**
 * Every string a mutation receives is checked at the door, before any resolver or validator sees it: a lone
 * surrogate, a control character or a bidirectional override is BAD_USER_INPUT naming the argument path; a name,
 * title or alias blank after trimming (or made of zero-width characters only) is made empty, which the input's
 * validators refuse (BAD_USER_INPUT) with any other problem of the input. What passes is stored in
 * Unicode NFC, names trimmed. A type-graphql middleware of every mutation (graphql/mutations.ts), run after its
 * role check, on the raw arguments, before they are converted to input classes and validated. Not a global one:
 * that would wrap every field of every query (scalars too) in an async chain.
 */
import type { MiddlewareFn } from 'type-graphql';
import { badInput } from '../shared/errors';
import { storedText, textProblem } from '../shared/text';

/** Argument keys whose strings are names: shown as labels, so never blank. */
const NAME_KEYS = new Set(['name', 'title', 'aliases', 'alias', 'label']);

interface Problem {
  field: string;
  message: string;
}

/** Checks and normalizes `value` in place (objects and arrays), collecting what is wrong. */
function clean(value: unknown, path: string, isName: boolean, problems: Problem[]): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) problems.push({ field: path, message: problem });
    if (problem) return value;
    // A blank name (spaces or zero-width characters only) becomes empty, for the input's own validators to
    // refuse with every other field problem (BAD_USER_INPUT with validationErrors).
    if (isName && textProblem(value, { name: true })) return '';
    return storedText(value, { name: isName });
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      value[i] = clean(item, `${path}[${i}]`, isName, problems);
    });
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      record[key] = clean(record[key], path ? `${path}.${key}` : key, NAME_KEYS.has(key), problems);
    }
  }
  return value;
}

export const textInputs: MiddlewareFn = async ({ args, info }, next) => {
  if (info.parentType.name === 'Mutation') {
    const problems: Problem[] = [];
    clean(args, '', false, problems);
    if (problems.length > 0) {
      // Named as the validators name fields: within the input (`text`, `nodes[0].name`), not `input.text`.
      const fields = problems.map((problem) => ({ ...problem, field: problem.field.replace(/^input\./, '') }));
      const list = fields
        .slice(0, 5)
        .map((problem) => `${problem.field}: ${problem.message}`)
        .join('; ');
      throw badInput(list, { fields: fields.slice(0, 20) });
    }
  }
  return (await next()) as unknown;
};
