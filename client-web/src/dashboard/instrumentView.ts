import { el } from "../ui/dom";
import type { FeedTable, Instrument } from "./feedTable";
import { changeOf, displayValue, numericValue } from "./instrumentValue";

const flashClasses = ["flash-up", "flash-down", "flash"];

/**
 * #instruments: one `.instrument` row per key, sorted by key, with `data-key`, `data-version` and the value as text.
 * A row whose version moved flashes (up, down, or just changed); the selected row has aria-current="true".
 */
export class InstrumentView {
  private readonly rows = new Map<string, HTMLTableRowElement>();
  private selected: string | undefined;

  constructor(private readonly body: HTMLTableSectionElement) {}

  get selectedKey(): string | undefined {
    return this.selected;
  }

  /** Drops every row whose key is not in the table any more (after a snapshot). */
  retain(table: FeedTable): void {
    for (const key of [...this.rows.keys()]) if (table.get(key) === undefined) this.remove(key);
  }

  /** Adds or refreshes these rows (each a real change: a new key, a newer version, a snapshot's new value); existing ones flash. */
  update(instruments: readonly Instrument[]): void {
    const flashing: [HTMLElement, string][] = [];
    for (const instrument of instruments) {
      const row = this.rows.get(instrument.key);
      if (!row) {
        this.insert(this.render(instrument));
        continue;
      }
      flashing.push([row, flashClass(numericValue(instrument.value), Number.parseFloat(row.dataset.number ?? ""))]);
      this.fill(row, instrument);
    }
    // Restart the animation of rows that were still flashing: drop the class, let layout see it once, add it back.
    for (const [row] of flashing) row.classList.remove(...flashClasses);
    if (flashing.length > 0) void this.body.offsetWidth;
    for (const [row, flash] of flashing) row.classList.add(flash);
  }

  remove(key: string): void {
    this.rows.get(key)?.remove();
    this.rows.delete(key);
    if (this.selected === key) this.selected = undefined;
  }

  clear(): void {
    for (const key of [...this.rows.keys()]) this.remove(key);
  }

  select(key: string | undefined): void {
    if (this.selected !== undefined) this.rows.get(this.selected)?.removeAttribute("aria-current");
    this.selected = key !== undefined && this.rows.has(key) ? key : undefined;
    if (this.selected !== undefined) this.rows.get(this.selected)?.setAttribute("aria-current", "true");
  }

  /** The first row's key, for a chart that has nothing selected yet. */
  firstKey(): string | undefined {
    return (this.body.firstElementChild as HTMLElement | null)?.dataset.key;
  }

  private render(instrument: Instrument): HTMLTableRowElement {
    const row = el(
      "tr",
      { className: "instrument", attrs: { "data-key": instrument.key } },
      el("th", { attrs: { scope: "row" } }, el("button", { className: "instrument-key", text: instrument.key, attrs: { type: "button" } })),
      el("td", { className: "instrument-value" }),
      el("td", { className: "instrument-change" }),
      el("td", { className: "instrument-version" }),
    );
    this.fill(row, instrument);
    return row;
  }

  private fill(row: HTMLTableRowElement, instrument: Instrument): void {
    const previous = Number(row.dataset.version ?? instrument.version);
    const skipped = instrument.version - previous - 1;
    row.dataset.version = String(instrument.version);
    row.dataset.number = String(numericValue(instrument.value) ?? "");
    const [, value, change, version] = Array.from(row.cells);
    value.textContent = displayValue(instrument.value);
    const delta = changeOf(instrument.value);
    change.textContent = delta === undefined ? "" : `${delta > 0 ? "+" : ""}${delta}`;
    change.dataset.sign = delta === undefined || delta === 0 ? "" : delta > 0 ? "up" : "down";
    version.textContent = String(instrument.version);
    version.title = skipped > 0 ? `${skipped} newer value${skipped === 1 ? "" : "s"} conflated away since the last one shown` : "";
  }

  /** In key order, so rows stay where the eye expects them. */
  private insert(row: HTMLTableRowElement): void {
    const key = row.dataset.key!;
    let before: HTMLTableRowElement | null = null;
    for (const [other, element] of this.rows) {
      if (other > key && (!before || other < before.dataset.key!)) before = element;
    }
    this.body.insertBefore(row, before);
    this.rows.set(key, row);
  }
}

function flashClass(now: number | undefined, before: number): string {
  if (now === undefined || Number.isNaN(before) || now === before) return "flash";
  return now > before ? "flash-up" : "flash-down";
}
