/** Argument validation remembers valid values per input class, never a refusal (src/graphql/validation.ts). */
import 'reflect-metadata';
import { IsOptional, Max, Min } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { rememberingValidator } from '../../src/graphql/validation';

class PageArgs {
  @IsOptional()
  @Min(1)
  @Max(10)
  first?: number;
}

const page = (first?: number): PageArgs => Object.assign(new PageArgs(), first === undefined ? {} : { first });
const resolverData = {} as never;

async function outcome(validate: ReturnType<typeof rememberingValidator>, value: unknown): Promise<string> {
  try {
    await validate(value, PageArgs, resolverData);
    return 'valid';
  } catch (error) {
    return error instanceof ArgumentValidationError ? String(error.extensions.code) : `other: ${String(error)}`;
  }
}

describe('rememberingValidator', () => {
  it('refuses an invalid value every time, also after the same class was valid with other values', async () => {
    const validate = rememberingValidator();
    expect(await outcome(validate, page(5))).toBe('valid');
    expect(await outcome(validate, page(50))).toBe('BAD_USER_INPUT');
    expect(await outcome(validate, page(50))).toBe('BAD_USER_INPUT');
    expect(await outcome(validate, page(5))).toBe('valid');
    expect(await outcome(validate, page())).toBe('valid');
  });

  it('validates each item of a list, and leaves scalars alone', async () => {
    const validate = rememberingValidator();
    expect(await outcome(validate, [page(2), page(3)])).toBe('valid');
    expect(await outcome(validate, [page(2), page(0)])).toBe('BAD_USER_INPUT');
    expect(await outcome(validate, 'not an object')).toBe('valid');
    expect(await outcome(validate, null)).toBe('valid');
  });

  it('names the refused property as type-graphql does (validationErrors)', async () => {
    const validate = rememberingValidator();
    const error = await Promise.resolve(validate(page(11), PageArgs, resolverData)).then(
      () => null,
      (refusal: unknown) => refusal,
    );
    expect(error).toBeInstanceOf(ArgumentValidationError);
    const errors = (error as ArgumentValidationError).extensions.validationErrors as { property: string }[];
    expect(errors.map((e) => e.property)).toEqual(['first']);
  });
});
