// @ts-check
/** Latencies in 0.1 ms buckets up to 10 s (the last bucket takes the rest): no allocation per sample. */
export class LatencyHistogram {
  constructor() {
    this.buckets = new Uint32Array(100_001);
    this.count = 0;
  }

  /** @param {number} ms */
  add(ms) {
    this.buckets[Math.min(100_000, Math.max(0, Math.round(ms * 10)))]++;
    this.count++;
  }

  /** @param {LatencyHistogram | { buckets: ArrayLike<number> }} other */
  merge(other) {
    for (let i = 0; i < this.buckets.length; i++) {
      const n = other.buckets[i] ?? 0;
      this.buckets[i] += n;
      this.count += n;
    }
  }

  /** @param {number} q in (0, 1] @returns {number} ms */
  quantile(q) {
    if (this.count === 0) return NaN;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      seen += this.buckets[i];
      if (seen >= rank) return i / 10;
    }
    return 10_000;
  }
}
