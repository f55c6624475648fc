import type { FeedBatch } from "../api/liveContracts";
import { numericValue, publishedAtMs } from "./instrumentValue";

/** One key's newest value as the page holds it. */
export interface Instrument {
  key: string;
  /** Never null: a removed key leaves the table. */
  value: unknown;
  version: number;
  /** When the server accepted this value, in epoch milliseconds. */
  publishedAtMs: number;
}

/** What one batch changed, for the view to redraw only that. */
export interface AppliedBatch {
  /** A snapshot replaced the table: every key not in it is in {@link removed}. */
  replaced: boolean;
  /** Keys added or given a newer value, in batch order (a snapshot's repeats of what was held are not). */
  changed: Instrument[];
  /** Keys that left the table. */
  removed: string[];
}

/** Recent numeric values of one key, oldest first, for the chart. */
export interface Series {
  times: number[];
  values: number[];
}

/**
 * The newest value of every watched key, kept from the batches of a watch. A snapshot replaces the table; after it a
 * key only moves forward (an update whose version is not newer than the one held, or than its removal, is dropped),
 * so a late or repeated batch can never show an older value or bring a removed key back.
 */
export class FeedTable {
  private readonly rows = new Map<string, Instrument>();
  /** The version of each removal since the last snapshot. */
  private readonly removedAt = new Map<string, number>();
  private readonly history = new Map<string, Series>();

  /** historyPoints: how many recent values per key the chart can show. */
  constructor(private readonly historyPoints = 300) {}

  get size(): number {
    return this.rows.size;
  }

  get(key: string): Instrument | undefined {
    return this.rows.get(key);
  }

  keys(): string[] {
    return [...this.rows.keys()];
  }

  /** The key's recent numeric values (empty when it has none). */
  series(key: string): Series {
    return this.history.get(key) ?? { times: [], values: [] };
  }

  apply(batch: FeedBatch): AppliedBatch {
    const removed: string[] = [];
    const before = batch.snapshot ? new Map(this.rows) : this.rows;
    if (batch.snapshot) {
      const kept = new Set(batch.updates.filter((u) => u.value !== null).map((u) => u.key));
      for (const key of this.rows.keys()) if (!kept.has(key)) removed.push(key);
      for (const key of removed) this.forget(key);
      // Versions start again when the server lost the feed, so nothing learnt before a snapshot holds after it.
      this.rows.clear();
      this.removedAt.clear();
    }
    const changed: Instrument[] = [];
    for (const update of batch.updates) {
      if (!batch.snapshot && update.version <= this.versionOf(update.key)) continue;
      if (update.value === null) {
        this.removedAt.set(update.key, update.version);
        if (this.rows.delete(update.key)) {
          this.forget(update.key);
          removed.push(update.key);
        }
        continue;
      }
      const instrument = { key: update.key, value: update.value, version: update.version, publishedAtMs: publishedAtMs(update.publishedAt) };
      const held = before.get(update.key);
      this.rows.set(update.key, instrument);
      this.removedAt.delete(update.key);
      // A snapshot after a reconnect repeats what is already shown: that is no change.
      if (held?.version === instrument.version && held.publishedAtMs === instrument.publishedAtMs) continue;
      this.record(instrument);
      changed.push(instrument);
    }
    return { replaced: batch.snapshot, changed, removed };
  }

  private versionOf(key: string): number {
    return this.rows.get(key)?.version ?? this.removedAt.get(key) ?? 0;
  }

  private record(instrument: Instrument): void {
    const number = numericValue(instrument.value);
    if (number === undefined || Number.isNaN(instrument.publishedAtMs)) return;
    let series = this.history.get(instrument.key);
    if (!series) this.history.set(instrument.key, (series = { times: [], values: [] }));
    // Nodes stamp publishedAt with their own clocks: keep the time axis from going backwards.
    const last = series.times.at(-1) ?? Number.NEGATIVE_INFINITY;
    series.times.push(Math.max(last, instrument.publishedAtMs));
    series.values.push(number);
    if (series.times.length > this.historyPoints) {
      series.times.splice(0, series.times.length - this.historyPoints);
      series.values.splice(0, series.values.length - this.historyPoints);
    }
  }

  private forget(key: string): void {
    this.history.delete(key);
  }
}
