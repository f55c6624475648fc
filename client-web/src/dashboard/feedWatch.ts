import type { HubConnection, ISubscription } from "@microsoft/signalr";
import type { FeedBatch, WatchRequest } from "../api/liveContracts";
import { watchEndOf } from "./watchEnd";

/** Where the watch stands, for the line under the form. */
export type WatchState =
  | { kind: "starting"; request: WatchRequest }
  | { kind: "watching"; request: WatchRequest }
  /** Interrupted; it comes back by itself (after a delay, or when the connection is back). */
  | { kind: "retrying"; request: WatchRequest; message: string }
  /** Refused; only a new watch from the form starts it again. */
  | { kind: "stopped"; request: WatchRequest; message: string };

export interface FeedWatchEvents {
  /** A batch of the current watch; a new watch, or the same one after an interruption, starts with a snapshot. */
  batch(batch: FeedBatch): void;
  stateChanged(state: WatchState): void;
}

/** What a watch needs of the connection (a ManagedConnection to the live hub). */
export interface WatchHub {
  readonly isConnected: boolean;
  readonly connection: Pick<HubConnection, "stream">;
}

/** Delays before watching again after a stream ended while the connection stayed up (`unavailable`, a server hiccup). */
const defaultRetryDelaysMs = [500, 1000, 2000, 5000, 10_000];

/**
 * One `Watch` stream on the live hub at a time. Watching again (a new request, a retry, a reconnect) cancels the
 * stream before; items of a cancelled stream are ignored. Refusals stop it; everything else watches again.
 */
export class FeedWatch {
  private request: WatchRequest | undefined;
  private subscription: ISubscription<FeedBatch> | undefined;
  /** Counts the streams opened, so a late item or end of an older one is recognised and dropped. */
  private generation = 0;
  private retries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly hub: WatchHub,
    private readonly events: FeedWatchEvents,
    private readonly retryDelaysMs: readonly number[] = defaultRetryDelaysMs,
  ) {}

  /** Starts this watch in place of the current one. */
  watch(request: WatchRequest): void {
    this.request = request;
    this.retries = 0;
    this.stopped = false;
    this.open();
  }

  /** The connection is up again: a watch that was not refused starts again, with a fresh snapshot. */
  reconnected(): void {
    if (this.request && !this.stopped) this.open();
  }

  private open(): void {
    this.cancel();
    const request = this.request;
    if (!request) return;
    if (!this.hub.isConnected) {
      // reconnected() opens it once the connection is back.
      this.events.stateChanged({ kind: "retrying", request, message: "Waiting for the connection…" });
      return;
    }
    const generation = ++this.generation;
    let first = true;
    this.events.stateChanged({ kind: "starting", request });
    this.subscription = this.hub.connection
      .stream<FeedBatch>("Watch", request.feed, request.keys, request.maxPerSecond)
      .subscribe({
        next: (batch) => {
          if (generation !== this.generation) return;
          if (first) {
            first = false;
            this.retries = 0;
            this.events.stateChanged({ kind: "watching", request });
          }
          this.events.batch(batch);
        },
        error: (error) => {
          if (generation === this.generation) this.ended(request, error);
        },
        complete: () => {
          if (generation === this.generation) this.ended(request, new Error("the server ended the stream"));
        },
      });
  }

  private ended(request: WatchRequest, error: unknown): void {
    this.subscription = undefined;
    const end = watchEndOf(error, request.feed);
    if (!end.retry) {
      this.stopped = true;
      this.events.stateChanged({ kind: "stopped", request, message: end.message });
      return;
    }
    this.events.stateChanged({ kind: "retrying", request, message: end.message });
    const delay = this.retryDelaysMs[Math.min(this.retries, this.retryDelaysMs.length - 1)];
    this.retries++;
    // When the connection dropped, open() finds it down and waits for reconnected().
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private cancel(): void {
    clearTimeout(this.retryTimer);
    this.generation++;
    this.subscription?.dispose();
    this.subscription = undefined;
  }
}
