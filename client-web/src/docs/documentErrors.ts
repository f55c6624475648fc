import { hubErrorOf, messageOf } from "../connection/hubErrors";

/** What a provider does about a failed call to the document hub. */
export type DocumentFailure =
  /** The connection went (no server answer): wait for it, then reopen and push again. */
  | { kind: "connection" }
  /** Worth asking again after a delay: rate limited, unavailable, or a server fault without a refusal. */
  | { kind: "retry"; message: string }
  /** The server no longer counts this connection in the document: open it again. */
  | { kind: "reopen"; message: string }
  /** This update can never be stored (not a Yjs update, or too large): drop it, say so, go on. */
  | { kind: "dropUpdate"; message: string }
  /** Access refused or the document gone: stop for good, never retry. */
  | { kind: "stop"; reason: "forbidden" | "invalid"; message: string };

/**
 * Sorts a failure by the contract's error prefixes (CONTRACT §10), as the hub words them ("forbidden document") or as
 * SignalR wraps a HubException ("… HubException: forbidden document"). A call that fails otherwise while the connection
 * is down failed because of it; one that fails so while the connection is up is retried.
 */
export function documentFailureOf(error: unknown, isConnected: boolean): DocumentFailure {
  const text = hubErrorOf(error) ?? messageOf(error);
  if (text.startsWith("forbidden document")) return { kind: "stop", reason: "forbidden", message: text };
  if (text.startsWith("invalid document")) return { kind: "stop", reason: "invalid", message: text };
  if (text.startsWith("not in document")) return { kind: "reopen", message: text };
  if (text.startsWith("invalid update")) return { kind: "dropUpdate", message: text };
  if (text.startsWith("rate limited") || text.startsWith("unavailable")) return { kind: "retry", message: text };
  return isConnected ? { kind: "retry", message: "the server could not answer" } : { kind: "connection" };
}
