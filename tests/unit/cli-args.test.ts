import { formatHelp, integerOption, UsageError } from '../../src/cli/args';

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

describe('formatHelp', () => {
  it('lists the options, the shared and specific exit codes and the example', () => {
    const text = formatHelp({
      usage: 'npm run tool -- [--flag] <file>',
      description: 'Does a thing.',
      options: { '--flag': 'turns it on' },
      exitCodes: { 3: 'nothing to do' },
      example: 'npm run tool -- --flag a.json',
    });
    expect(text).toContain('usage: npm run tool -- [--flag] <file>');
    expect(text).toMatch(/^ {2}--flag +turns it on$/m);
    expect(text).toMatch(/^ {2}--help, -h +print this help and exit$/m);
    expect(text).toMatch(/^ {2}2 +usage error/m);
    expect(text).toMatch(/^ {2}3 +nothing to do$/m);
    expect(text).toContain('example:\n  npm run tool -- --flag a.json');
  });
});
