/**
 * A small deterministic pseudo-random generator (mulberry32) for fault injection in test fakes.
 *
 * Hand-written because it is eight lines and the fakes need the same sequence on every machine
 * from the same seed; `Math.random()` cannot be seeded. Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
