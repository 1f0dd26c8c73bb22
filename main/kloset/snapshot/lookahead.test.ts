import { describe, expect, it } from 'vitest';
import { Lookahead } from './lookahead';

async function* numbers(count: number): AsyncGenerator<number> {
  for (let i = 0; i < count; i++) yield i;
}

describe('the lookahead', () => {
  it('reads ahead up to its bound, and hands every item over in order', async () => {
    const seen: number[] = [];
    const ahead = new Lookahead(numbers(50), 10, (n) => seen.push(n));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThan(15);
    const taken: number[] = [];
    for (let item = await ahead.next(); item !== null; item = await ahead.next()) taken.push(item);
    expect(taken).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(ahead.isComplete).toBe(true);
  });

  it('stays complete when stopped after the whole source was read', async () => {
    const ahead = new Lookahead(numbers(3), 10, () => undefined);
    await ahead.finished;
    ahead.stop();
    expect(ahead.isComplete).toBe(true);
  });

  it('is not complete when stopped early, and reports a source that fails', async () => {
    const early = new Lookahead(numbers(1000), 5, () => undefined);
    early.stop();
    await early.finished;
    expect(early.isComplete).toBe(false);
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error('disk gone');
    }
    const broken = new Lookahead(failing(), 5, () => undefined);
    expect(await broken.next()).toBe(1);
    await expect(broken.next()).rejects.toThrow('disk gone');
  });
});
