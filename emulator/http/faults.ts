/**
 * Seeded fault injection: with the same seed and the same sequence of API requests, the same
 * requests fail the same way. Dropped connections come in two kinds, because clients must
 * survive both: before the request is processed, and after it was applied (the answer is lost).
 */
export type Fault = "none" | "error-500" | "throttle-429" | "drop-before" | "drop-after";

/** mulberry32: a small, good-enough PRNG whose whole state is one 32-bit number. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private readonly random: () => number;

  constructor(
    private readonly rate: number,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /** The fault for the next API request: a third each of 500, 429 and drops (half before, half after). */
  next(): Fault {
    if (this.rate <= 0 || this.random() >= this.rate) return "none";
    const kind = this.random() * 3;
    if (kind < 1) return "error-500";
    if (kind < 2) return "throttle-429";
    return this.random() < 0.5 ? "drop-before" : "drop-after";
  }
}
