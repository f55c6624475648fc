import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Series } from "./feedTable";

/** The chart's height in CSS pixels: shorter on a phone. */
function chartHeight(): number {
  return matchMedia("(max-width: 720px)").matches ? 180 : 260;
}

/**
 * #chart: the selected instrument's recent values as a line (uPlot on a canvas). `data-key` names the instrument
 * and `data-points` counts what is drawn.
 */
export class ChartView {
  private plot: uPlot | undefined;
  private shownKey: string | undefined;
  private data: uPlot.AlignedData = [[], []];

  constructor(
    private readonly container: HTMLElement,
    private readonly title: HTMLElement,
  ) {
    new ResizeObserver(() => this.resize()).observe(container);
  }

  show(key: string | undefined, series: Series): void {
    this.container.dataset.key = key ?? "";
    this.container.dataset.points = String(series.values.length);
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.title.textContent = key ?? "Select an instrument";
      this.plot?.destroy();
      this.plot = undefined;
    }
    if (key === undefined) return;
    // uPlot's time axis is in seconds.
    this.data = [series.times.map((t) => t / 1000), series.values];
    if (this.plot) this.plot.setData(this.data);
    else this.create();
  }

  /** Built once the container has a width (it has none while the page is hidden behind the sign-in card). */
  private create(): void {
    if (this.shownKey !== undefined && this.container.clientWidth > 0) {
      this.plot = new uPlot(this.options(this.shownKey), this.data, this.container);
    }
  }

  private options(key: string): uPlot.Options {
    const style = getComputedStyle(this.container);
    const line = style.getPropertyValue("--accent").trim() || "#3b5bdb";
    const text = style.getPropertyValue("--muted").trim() || "#6b7385";
    const grid = style.getPropertyValue("--line").trim() || "#e2e5ee";
    const axis: uPlot.Axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    return {
      width: this.container.clientWidth,
      height: chartHeight(),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      // One point (a key that has not changed yet) would otherwise stretch the time axis over years.
      scales: { x: { time: true, range: (_, min, max) => (max - min < 1 ? [min - 30, max + 30] : [min, max]) } },
      series: [{}, { label: key, stroke: line, width: 2, points: { size: 5, fill: line } }],
      axes: [axis, { ...axis, size: 64 }],
    };
  }

  private resize(): void {
    if (!this.plot) this.create();
    else if (this.container.clientWidth > 0) this.plot.setSize({ width: this.container.clientWidth, height: chartHeight() });
  }
}
