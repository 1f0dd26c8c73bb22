import { describe, expect, it } from 'vitest';
import { estimatePassphrase } from './passphrase-strength';

describe('the passphrase strength estimate', () => {
  it('rates an empty or common passphrase as very weak, whatever its decorations', () => {
    expect(estimatePassphrase('').level).toBe(0);
    expect(estimatePassphrase('password').level).toBe(0);
    expect(estimatePassphrase('P@ssw0rd').level).toBe(0);
    expect(estimatePassphrase('P@ssw0rd').hints).toContain('common');
  });

  it('gives runs, sequences and keyboard rows almost no credit', () => {
    expect(estimatePassphrase('aaaaaaaaaaaaaaaa').bits).toBeLessThan(15);
    expect(estimatePassphrase('abcdefghijklmnop').bits).toBeLessThan(15);
    expect(estimatePassphrase('qwertyuiop123456').level).toBeLessThanOrEqual(1);
    expect(estimatePassphrase('1234567890').hints).toContain('pattern');
  });

  it('counts a phrase of words as picks from a word list, not as random letters', () => {
    const four = estimatePassphrase('correct horse battery staple');
    expect(four.bits).toBe(52);
    expect(four.level).toBe(2);
    expect(estimatePassphrase('correct horse battery staple violin orbit').level).toBe(4);
  });

  it('rates long random strings as strong and says nothing more to do', () => {
    const strong = estimatePassphrase('r7#Vq9!mZp2&Lw8x');
    expect(strong.level).toBe(4);
    expect(strong.hints).toEqual([]);
  });

  it('asks for more length and more kinds of characters on short lowercase passphrases', () => {
    const short = estimatePassphrase('bluefish');
    expect(short.level).toBeLessThanOrEqual(1);
    expect(short.hints).toEqual(expect.arrayContaining(['short', 'few-kinds']));
  });
});
