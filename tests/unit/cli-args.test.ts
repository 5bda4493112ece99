import { integerOption, UsageError } from '../../src/cli/args';

describe('integerOption', () => {
  const range = { min: 1, max: 100_000, fallback: 2_000 };

  it('takes a whole number in range, and the fallback when absent', () => {
    expect(integerOption('batch-size', '500', range)).toBe(500);
    expect(integerOption('batch-size', undefined, range)).toBe(2_000);
  });

  it.each(['0', 'abc', '-5', '1.5', '', '1e3', '100001'])('refuses %p with a usage error', (value) => {
    expect(() => integerOption('batch-size', value, range)).toThrow(UsageError);
    expect(() => integerOption('batch-size', value, range)).toThrow(
      /--batch-size must be a whole number from 1 to 100000/,
    );
  });
});
