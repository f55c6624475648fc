import type { Notification } from "../api/contracts";
import { el } from "./dom";
import { shortTime } from "./format";

/** How many notifications #notifications keeps; older ones drop off the end. */
export const maxShownNotifications = 20;

/** The longest summary shown for a notification's data. */
const maxSummaryLength = 200;

/**
 * One line of text for a notification's data: a string as it is, an object's `text`, `message` or `title` when it
 * has one, anything else as compact JSON. Always plain text; the view sets it with textContent.
 */
export function summarize(data: unknown): string {
  let text: string;
  if (typeof data === "string") text = data;
  else if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    const named = [record.text, record.message, record.title].find((v): v is string => typeof v === "string");
    text = named ?? JSON.stringify(data);
  } else text = data === undefined ? "" : JSON.stringify(data);
  return text.length > maxSummaryLength ? `${text.slice(0, maxSummaryLength - 1)}…` : text;
}

/** Adds a notification at the top of #notifications (each a `.notification` with `data-type`), text only. */
export function showNotification(list: HTMLElement, notification: Notification): void {
  const item = el(
    "li",
    { className: "notification", attrs: { "data-type": notification.type, "data-id": notification.id } },
    el("span", { className: "notification-type", text: notification.type }),
    el("span", { className: "notification-text", text: summarize(notification.data) }),
    el("time", { className: "notification-time", text: shortTime(notification.sentAt), attrs: { datetime: notification.sentAt } }),
  );
  list.prepend(item);
  while (list.children.length > maxShownNotifications) list.lastElementChild?.remove();
}
