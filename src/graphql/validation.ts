/**
 * Arguments are validated by class-validator exactly as type-graphql does by default (skipMissingProperties on,
 * forbidUnknownValues off, each item of a list on its own, ArgumentValidationError with `validationErrors`), except
 * that arguments found valid are remembered per input class: a query's nested list fields (an agreement's parties,
 * a partnership's evidence) get the same `{first: 20}` once per parent, and type-graphql would run class-validator,
 * and `require` it, again for each. Our validators are pure functions of the values (no database, no context), so the
 * same class with the same values is valid again. Refusals are not remembered: they are rare, and stay exact.
 */
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

/** type-graphql's defaults for `validate: { forbidUnknownValues: false }`. */
const OPTIONS: ValidatorOptions = { skipMissingProperties: true, forbidUnknownValues: false };

/** Arguments whose JSON is longer than this (mutation inputs) are validated every time. */
const KEY_MAX_LENGTH = 200;
/** Valid argument values remembered per input class; the set is emptied when full (clients choose the values). */
const REMEMBERED_PER_TYPE = 500;

const isObject = (value: unknown): value is object => value !== null && typeof value === 'object';

/** The values as a key, or undefined when too long or not serializable. */
function keyOf(value: object): string | undefined {
  try {
    const key = JSON.stringify(value);
    return key !== undefined && key.length <= KEY_MAX_LENGTH ? key : undefined;
  } catch {
    return undefined;
  }
}

export function rememberingValidator(): ValidatorFn {
  const valid = new WeakMap<object, Set<string>>();
  return async (argValue: unknown, argType: unknown) => {
    if (!isObject(argValue)) return;
    const type = isObject(argType) || typeof argType === 'function' ? argType : undefined;
    const key = type ? keyOf(argValue) : undefined;
    const known = type ? valid.get(type) : undefined;
    if (key !== undefined && known?.has(key)) return;
    try {
      if (Array.isArray(argValue)) {
        await Promise.all(argValue.filter(isObject).map((item) => validateOrReject(item, OPTIONS)));
      } else {
        await validateOrReject(argValue, OPTIONS);
      }
    } catch (errors) {
      throw new ArgumentValidationError(errors as ValidationError[]);
    }
    if (key === undefined || !type) return;
    const remembered = known ?? new Set<string>();
    if (remembered.size >= REMEMBERED_PER_TYPE) remembered.clear();
    remembered.add(key);
    if (!known) valid.set(type, remembered);
  };
}
