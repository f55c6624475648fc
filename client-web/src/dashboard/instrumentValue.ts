/** The longest text shown for a value that is neither a number nor a priced object. */
const maxTextLength = 80;

/**
 * A value as the table shows it, always plain text: a number as is, an object by its `price` (the demo's
 * `{ price, change, volume }`), a string as is, anything else as compact JSON.
 */
export function displayValue(value: unknown): string {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return clip(value);
  const price = priceOf(value);
  if (typeof price === "number") return String(price);
  if (typeof price === "string") return clip(price);
  return clip(JSON.stringify(value) ?? "");
}

/** The number a chart can plot for a value: the number itself or an object's numeric `price`. */
export function numericValue(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  const price = priceOf(value);
  return typeof price === "number" && Number.isFinite(price) ? price : undefined;
}

/** An object value's numeric `change`, shown beside the price when there is one. */
export function changeOf(value: unknown): number | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const change = (value as Record<string, unknown>).change;
  return typeof change === "number" && Number.isFinite(change) ? change : undefined;
}

/** `publishedAt` in epoch milliseconds, from an ISO string or a Date; NaN when unreadable. */
export function publishedAtMs(publishedAt: string | Date): number {
  return publishedAt instanceof Date ? publishedAt.getTime() : Date.parse(publishedAt);
}

function priceOf(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return (value as Record<string, unknown>).price;
}

function clip(text: string): string {
  return text.length > maxTextLength ? `${text.slice(0, maxTextLength - 1)}…` : text;
}
