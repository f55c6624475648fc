/**
 * The round trip to the server, smoothed: each sample (the time an invoke took to complete) moves the readout a
 * fifth of the way, so one slow call shows but does not take over.
 */
export class PingMeter {
  private smoothed: number | undefined;

  constructor(private readonly weight = 0.2) {}

  add(roundTripMs: number): void {
    if (!Number.isFinite(roundTripMs) || roundTripMs < 0) return;
    this.smoothed = this.smoothed === undefined ? roundTripMs : this.smoothed + (roundTripMs - this.smoothed) * this.weight;
  }

  /** Whole milliseconds, or undefined before the first sample. */
  get milliseconds(): number | undefined {
    return this.smoothed === undefined ? undefined : Math.round(this.smoothed);
  }

  reset(): void {
    this.smoothed = undefined;
  }
}
