/**
 * Latency from `publishedAt` to display over a recent window: each update's publish time is queued when its batch
 * arrives and becomes a sample when the page has drawn it. The readout is the median (p50, nearest rank) of the
 * samples of the last {@link maxAgeMs}, at most the newest {@link maxSamples}. Clock skew between the server and this
 * device is part of what it measures.
 */
export class LatencyWindow {
  private readonly samples: { at: number; ms: number }[] = [];
  private pending: number[] = [];

  constructor(
    readonly maxSamples = 500,
    readonly maxAgeMs = 10_000,
  ) {}

  /** An update published at this time (epoch ms) arrived and waits to be drawn. */
  arrived(publishedAtMs: number): void {
    if (!Number.isFinite(publishedAtMs)) return;
    this.pending.push(publishedAtMs);
    // A hidden tab draws nothing for a while: only the newest can count, so only they are kept.
    if (this.pending.length > this.maxSamples) this.pending.splice(0, this.pending.length - this.maxSamples);
  }

  /** Everything that arrived is on screen now. */
  displayed(nowMs: number): void {
    for (const publishedAt of this.pending) this.add(nowMs - publishedAt, nowMs);
    this.pending = [];
  }

  /** Forgets waiting updates (a new watch's snapshot is not a live update). */
  discardPending(): void {
    this.pending = [];
  }

  add(latencyMs: number, atMs: number): void {
    this.samples.push({ at: atMs, ms: latencyMs });
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
  }

  /** The median latency of the window in whole milliseconds, or undefined when it holds no sample. */
  p50(nowMs: number): number | undefined {
    const firstRecent = this.samples.findIndex((s) => nowMs - s.at <= this.maxAgeMs);
    if (firstRecent < 0) {
      this.samples.length = 0;
      return undefined;
    }
    this.samples.splice(0, firstRecent);
    const sorted = this.samples.map((s) => s.ms).sort((a, b) => a - b);
    return Math.round(sorted[Math.ceil(sorted.length / 2) - 1]);
  }
}
