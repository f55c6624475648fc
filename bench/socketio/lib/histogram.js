'use strict';
// A small HDR-style histogram: log-bucketed, integer microseconds, relative error below 1/64 (1.6 %).
// Values below 128 us get a bucket each; above that every power of two is split into 64 sub-buckets.
// Percentiles report the upper edge of their bucket, as HdrHistogram's highestEquivalentValue does.

const LINEAR = 128;
const SUB = 64;
const MAX_VALUE = 2 ** 31 - 1; // about 35 minutes in microseconds
const BUCKETS = LINEAR + 25 * SUB;

function bucketOf(us) {
  if (us < LINEAR) return us;
  const shift = 31 - Math.clz32(us) - 6; // us >> shift lies in [64, 128)
  return LINEAR + (shift - 1) * SUB + ((us >>> shift) - SUB);
}

function upperEdgeOf(bucket) {
  if (bucket < LINEAR) return bucket;
  const shift = Math.floor((bucket - LINEAR) / SUB) + 1;
  const mantissa = ((bucket - LINEAR) % SUB) + SUB;
  return (mantissa + 1) * 2 ** shift - 1;
}

class Histogram {
  constructor() {
    this.counts = new Float64Array(BUCKETS);
    this.reset();
  }

  reset() {
    this.counts.fill(0);
    this.count = 0;
    this.sum = 0;
    this.min = Infinity;
    this.max = 0;
  }

  /** Records a latency given in milliseconds (fractions welcome). */
  recordMs(ms) {
    let us = Math.round(ms * 1000);
    if (us < 0) us = 0;
    else if (us > MAX_VALUE) us = MAX_VALUE;
    this.counts[bucketOf(us)]++;
    this.count++;
    this.sum += us;
    if (us < this.min) this.min = us;
    if (us > this.max) this.max = us;
  }

  merge(other) {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** The value in milliseconds below which `percent` of the recorded values lie; null when empty. */
  percentileMs(percent) {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(upperEdgeOf(i), this.max) / 1000;
    }
    return this.max / 1000;
  }

  summary() {
    const round = (v) => (v === null ? null : Math.round(v * 1000) / 1000);
    return {
      p50Ms: round(this.percentileMs(50)),
      p99Ms: round(this.percentileMs(99)),
      p999Ms: round(this.percentileMs(99.9)),
      maxMs: this.count ? round(this.max / 1000) : null,
      meanMs: this.count ? round(this.sum / this.count / 1000) : null,
      samples: this.count,
    };
  }
}

module.exports = { Histogram, bucketOf, upperEdgeOf };
