// Seeded randomness for the synthetic data: the same (city, hour) always draws the same number,
// whatever range is being generated, so a later seed run extends an earlier one seamlessly.

/** mulberry32: a tiny, fast 32-bit PRNG; returns a generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of a string, as an unsigned 32-bit integer (the seed of a city). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes a base seed with a stream id and an index into one 32-bit seed. */
export function mixSeed(base: number, stream: number, index: number): number {
  let h = (base ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h = (h ^ Math.imul(index | 0, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One standard normal draw (Box–Muller) from a uniform generator. */
export function gaussian(random: () => number): number {
  const u = 1 - random(); // in (0, 1], so log(u) is finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** The standard normal draw for `(seed, stream, index)`. */
export function gaussianAt(seed: number, stream: number, index: number): number {
  return gaussian(mulberry32(mixSeed(seed, stream, index)));
}

/**
 * Smooth noise with unit variance at the knots: normal draws every `spanHours`, joined by
 * cosine interpolation, so weather drifts over hours instead of jumping each hour.
 */
export function smoothNoise(seed: number, stream: number, hour: number, spanHours: number): number {
  const position = hour / spanHours;
  const knot = Math.floor(position);
  const frac = position - knot;
  const weight = (1 - Math.cos(Math.PI * frac)) / 2;
  const a = gaussianAt(seed, stream, knot);
  const b = gaussianAt(seed, stream, knot + 1);
  return a + (b - a) * weight;
}
