// Seeded pseudo-random numbers for the generated exercises (a seed in the URL gives the same exercise); the
// datasets draw theirs in the engine.

/** mulberry32: a small 32-bit generator; `uniform()` in [0, 1), `normal()` by Box–Muller. */
export function makeRng(seed) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, normal, int: (n) => Math.floor(uniform() * n) };
}
