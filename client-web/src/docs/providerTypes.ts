import type { Awareness } from "y-protocols/awareness";

// The shapes SignalRYjsProvider shows the page (and tests): its options, statuses and events.

/** Why a provider stopped for good: access refused or revoked, the document refused or deleted, or closed here. */
export type StopReason = "forbidden" | "removed" | "invalid" | "closed";

export type ProviderStatus =
  | { kind: "opening" }
  | { kind: "open"; epoch: string; canWrite: boolean }
  /** The connection is down; edits are kept and pushed once it is back. */
  | { kind: "offline" }
  | { kind: "retrying"; message: string }
  | { kind: "stopped"; reason: StopReason; message: string };

/** How an OpenDocument went, for status lines and tests. */
export interface OpenedInfo {
  epoch: string;
  /** The document had another epoch before: the whole local state is pushed into this one. */
  newEpoch: boolean;
  /** A snapshot came (the whole state), rather than only what came after the sequence asked with. */
  snapshot: boolean;
  /** The sequence the open named, and how many updates came back. */
  knownSequence: number;
  updates: number;
}

export interface ProviderEvents {
  status(status: ProviderStatus): void;
  opened(info: OpenedInfo): void;
  /** Local updates not yet stored by the server (a batch in flight counts as one). */
  unsent(count: number): void;
  /** A SubmitSnapshot was answered. */
  snapshot(upToSequence: number, accepted: boolean): void;
  /** Something the user should hear of that does not stop the provider (an update the server refused). */
  warning(message: string): void;
}

export interface ProviderOptions {
  /** Shared when the page creates it (CollaborationCaret reads it); created, and destroyed with the provider, if not. */
  awareness?: Awareness;
  /** At most one PushUpdate per this many ms (the hub allows 30 pushes/s per connection, burst 60). Default 60. */
  batchIntervalMs?: number;
  /** At most one PushAwareness per this many ms. Default 100. */
  awarenessIntervalMs?: number;
  /** A missing sequence may still arrive (out of order across nodes, an own ack) for this long before a reopen. Default 150. */
  gapGraceMs?: number;
  /** Delays before retrying after `unavailable`, `rate limited` or a server fault. */
  retryDelaysMs?: readonly number[];
  newId?: () => string;
}
