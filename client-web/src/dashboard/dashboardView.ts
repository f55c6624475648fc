import type { FeedBatch } from "../api/liveContracts";
import { ChartView } from "./chartView";
import { FeedTable, type Instrument } from "./feedTable";
import { InstrumentView } from "./instrumentView";
import { LatencyWindow } from "./latencyWindow";

export interface DashboardElements {
  instruments: HTMLTableSectionElement;
  instrumentCount: HTMLElement;
  chart: HTMLElement;
  chartTitle: HTMLElement;
  latency: HTMLElement;
}

/**
 * Applies batches to the feed table as they arrive and draws them at the next animation frame, so a burst of batches
 * costs one redraw and a hidden tab costs none (it catches up on the newest values when shown). Latency samples are
 * taken when the rows are drawn.
 */
export class DashboardView {
  private readonly table = new FeedTable();
  private readonly latency = new LatencyWindow();
  private readonly rows: InstrumentView;
  private readonly chart: ChartView;
  private replaced = false;
  private readonly changed = new Map<string, Instrument>();
  private readonly removed = new Set<string>();
  private frame: number | undefined;

  constructor(private readonly elements: DashboardElements) {
    this.rows = new InstrumentView(elements.instruments);
    this.chart = new ChartView(elements.chart, elements.chartTitle);
    // The readout also changes when nothing arrives: old samples leave the window.
    setInterval(() => this.showLatency(), 1000);
  }

  apply(batch: FeedBatch): void {
    const applied = this.table.apply(batch);
    if (applied.replaced) {
      // A snapshot's values are not live updates: their publish times say how old they are, not how late.
      this.latency.discardPending();
      this.replaced = true;
    }
    for (const key of applied.removed) {
      this.changed.delete(key);
      this.removed.add(key);
    }
    for (const instrument of applied.changed) {
      this.removed.delete(instrument.key);
      this.changed.set(instrument.key, instrument);
      if (!batch.snapshot) this.latency.arrived(instrument.publishedAtMs);
    }
    this.frame ??= requestAnimationFrame(() => this.draw());
  }

  /** Empties the table (a new watch is starting). */
  clear(): void {
    this.apply({ feed: "", snapshot: true, updates: [] });
  }

  select(key: string): void {
    this.rows.select(key);
    this.showChart();
  }

  private draw(): void {
    this.frame = undefined;
    const chartChanged = this.replaced || this.changed.has(this.rows.selectedKey ?? "") || this.removed.size > 0;
    if (this.replaced) this.rows.retain(this.table);
    for (const key of this.removed) this.rows.remove(key);
    this.rows.update([...this.changed.values()]);
    this.replaced = false;
    this.changed.clear();
    this.removed.clear();
    this.latency.displayed(Date.now());
    this.elements.instrumentCount.textContent = String(this.table.size);
    if (this.rows.selectedKey === undefined) this.rows.select(this.rows.firstKey());
    if (chartChanged || this.rows.selectedKey !== this.elements.chart.dataset.key) this.showChart();
    this.showLatency();
  }

  private showChart(): void {
    const key = this.rows.selectedKey;
    this.chart.show(key, key === undefined ? { times: [], values: [] } : this.table.series(key));
  }

  private showLatency(): void {
    this.elements.latency.textContent = String(this.latency.p50(Date.now()) ?? "–");
  }
}
