import { hubErrorOf, messageOf } from "../connection/hubErrors";

/** What to do when a watch's stream ends with an error, and what to tell the user. */
export interface WatchEnd {
  /** False for a refusal that asking again cannot change (a private feed, a bad name, key or rate). */
  retry: boolean;
  message: string;
}

/** Refusals of Watch (CONTRACT §9) that are the request's fault: shown, never retried. */
const refusals = ["invalid feed", "invalid key", "invalid rate", "too many watches"];

/**
 * Sorts the end of a watch. `forbidden feed` and the `invalid …` refusals stop it with a clear message;
 * `unavailable` (the server cannot reach Redis now) and anything else (the connection dropped under the stream)
 * are watched again.
 */
export function watchEndOf(error: unknown, feed: string): WatchEnd {
  // A stream's end carries the server's words bare, or wrapped as "… HubException: <words>".
  const refusal = hubErrorOf(error) ?? messageOf(error);
  if (refusal.startsWith("forbidden feed")) {
    return { retry: false, message: `"${feed}" is a private feed: only its members can watch it.` };
  }
  if (refusals.some((prefix) => refusal.startsWith(prefix))) {
    return { retry: false, message: `The server refused the watch: ${refusal}` };
  }
  if (refusal.startsWith("unavailable")) {
    return { retry: true, message: "The server cannot reach its data store right now; watching again…" };
  }
  return { retry: true, message: `The watch was interrupted (${messageOf(error)}); watching again…` };
}
