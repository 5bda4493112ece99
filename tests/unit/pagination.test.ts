import { encodeCursor, offsetAfter } from '../../src/graphql/pagination';

const forged = (offset: string): string => Buffer.from(`offset:${offset}`).toString('base64url');
const codeOf = (run: () => unknown): unknown => {
  try {
    run();
    return 'no error';
  } catch (error) {
    return (error as { extensions?: { code?: unknown } }).extensions?.code;
  }
};

describe('offset cursors', () => {
  it('reads back the cursors it writes', () => {
    expect(offsetAfter(undefined)).toBe(0);
    expect(offsetAfter(encodeCursor(0))).toBe(1);
    expect(offsetAfter(encodeCursor(41))).toBe(42);
    expect(offsetAfter(encodeCursor(999_999_999))).toBe(1_000_000_000);
  });

  it.each(['1e21', '2147483648', '1000000000', '-1', '1.5', '0x10', ' 1', '01', '', 'NaN', 'Infinity'])(
    'refuses the forged offset %j as BAD_USER_INPUT',
    (offset) => {
      expect(codeOf(() => offsetAfter(forged(offset)))).toBe('BAD_USER_INPUT');
    },
  );
});
