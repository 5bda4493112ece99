import { storedText, textProblem } from '../../src/shared/text';

describe('textProblem', () => {
  it.each([
    ['Alpha\u0000Beta', /control character \(U\+0000\)/],
    ['Alpha\u007f', /control character \(U\+007F\)/],
    ['Alpha\u0085', /control character \(U\+0085\)/],
    ['Alpha\u202eateB', /bidirectional control character \(U\+202E\)/],
    ['A\u2066B\u2069', /bidirectional control character \(U\+2066\)/],
    ['Alpha\ud800', /lone surrogate .* offset 5/],
    ['\udc00', /lone surrogate .* offset 0/],
  ])('refuses %j', (value, message) => {
    expect(textProblem(value)).toMatch(message);
  });

  it.each(['', '   ', '\t\n', '\u200b\u200d', '\ufeff', ' \u2060 '])('refuses the blank name %j', (value) => {
    expect(textProblem(value, { name: true })).toMatch(/blank/);
    expect(textProblem(value)).toBeNull();
  });

  it('accepts text with tabs, line breaks, emoji, joiners inside words and right-to-left script', () => {
    for (const value of ['Línea 1\nLínea 2\tfin', 'emoji 😀', 'क्‍ष', 'مرحبا', 'Zoë']) {
      expect(textProblem(value, { name: true })).toBeNull();
    }
  });
});

describe('storedText', () => {
  it('stores NFC, names trimmed', () => {
    expect(storedText('  Cafe\u0301 ', { name: true })).toBe('Café');
    expect(storedText(' Cafe\u0301 ')).toBe(' Café ');
  });
});
