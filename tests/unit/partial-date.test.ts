import { parsePartialDate } from '../../src/shared/partial-date';

describe('parsePartialDate', () => {
  it.each([
    ['2024', 'YEAR', '2024-01-01', '2024-12-31'],
    ['2024-09', 'MONTH', '2024-09-01', '2024-09-30'],
    ['2024-02', 'MONTH', '2024-02-01', '2024-02-29'],
    ['2023-02', 'MONTH', '2023-02-01', '2023-02-28'],
    ['2024-09-25', 'DAY', '2024-09-25', '2024-09-25'],
  ])('%s has precision %s and covers %s to %s', (value, precision, firstDay, lastDay) => {
    expect(parsePartialDate(value)).toEqual({ value, precision, firstDay, lastDay });
  });

  it.each(['24', '2024-13', '2024-00', '2023-02-29', '2024-09-31', '2024/09', '2024-9', 'septiembre 2024', ''])(
    'rejects %j',
    (value) => {
      expect(parsePartialDate(value)).toBeUndefined();
    },
  );
});
