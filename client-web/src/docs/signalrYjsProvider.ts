import { ObservableV2 } from "lib0/observable";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { docsLimits, type DocumentState, type DocumentUpdate } from "../api/docsContracts";
import { newUuid } from "../util/uuid";
import { AwarenessRelay } from "./awarenessRelay";
import { documentFailureOf } from "./documentErrors";
import type { DocsHub } from "./docsHub";
import { SequenceTracker } from "./sequenceTracker";
import type { ProviderEvents, ProviderOptions, StopReason } from "./providerTypes";
import { UpdateOutbox, type UpdateBatch } from "./updateOutbox";

export type { OpenedInfo, ProviderEvents, ProviderOptions, ProviderStatus, StopReason } from "./providerTypes";

const defaultRetryDelaysMs = [250, 500, 1000, 2000, 5000];

type TimerName = "flush" | "gap" | "retry";

/**
 * A Yjs provider over the document hub (CONTRACT §10): opens the document, applies what the server holds, pushes
 * local updates in batches with a clientUpdateId kept until acknowledged, applies others' updates in sequence and
 * fetches the tail when one is missing, relays awareness, answers SnapshotRequested, and after a reconnect reopens
 * with (epoch, lastSequence) so only what was missed comes back. In a new epoch it pushes the whole local state.
 * No DOM: it runs in Node as in the page. One provider per document per connection.
 */
export class SignalRYjsProvider extends ObservableV2<ProviderEvents> {
  readonly awareness: Awareness;
  private readonly ownsAwareness: boolean;
  private readonly relay: AwarenessRelay;
  private readonly sequences = new SequenceTracker();
  private readonly outbox: UpdateOutbox;
  private readonly batchIntervalMs: number;
  private readonly gapGraceMs: number;
  private readonly retryDelaysMs: readonly number[];
  private phase: "idle" | "opening" | "open" | "offline" | "stopped" = "idle";
  private canWrite = false;
  private pushing = false;
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private readonly timers: Partial<Record<TimerName, ReturnType<typeof setTimeout>>> = {};
  private retries = 0;
  /** DocumentUpdated events that arrive while an OpenDocument is on its way; handled once it answers. */
  private early: DocumentUpdate[] = [];
  /** Epochs left behind: late events of theirs are stale, not a sign of yet another epoch. */
  private readonly leftEpochs = new Set<string>();
  private snapshotWanted: number | undefined;
  /** Counts opens, so the answer of one overtaken by another is dropped. */
  private openCount = 0;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    private readonly hub: DocsHub,
    options: ProviderOptions = {},
  ) {
    super();
    this.awareness = options.awareness ?? new Awareness(doc);
    this.ownsAwareness = options.awareness === undefined;
    this.outbox = new UpdateOutbox(options.newId ?? newUuid, docsLimits.maxUpdateBytes);
    this.batchIntervalMs = options.batchIntervalMs ?? 60;
    this.gapGraceMs = options.gapGraceMs ?? 150;
    this.retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
    this.relay = new AwarenessRelay(docId, this.awareness, hub, options.awarenessIntervalMs ?? 100, () => this.phase === "open");
    doc.on("update", this.onDocUpdate);
  }

  /** Opened, nothing unsent, no sequence missing. */
  get synced(): boolean {
    return this.phase === "open" && this.outbox.size === 0 && !this.pushing && !this.sequences.hasGap;
  }

  get epoch(): string | null {
    return this.sequences.epoch;
  }

  /** Every update of the epoch up to this sequence is applied here. */
  get lastSequence(): number {
    return this.sequences.contiguous;
  }

  get unsentCount(): number {
    return this.outbox.size;
  }

  get isStopped(): boolean {
    return this.phase === "stopped";
  }

  /** Starts listening and opens the document (at once if the connection is up, else on {@link reconnected}). */
  connect(): void {
    if (this.phase !== "idle") return;
    this.unsubscribe = this.hub.subscribe({
      documentUpdated: (docId, update) => docId === this.docId && this.received(update),
      awarenessChanged: (docId, update) => docId === this.docId && this.relay.applyRemote(update),
      snapshotRequested: (docId, upTo) => docId === this.docId && this.snapshotRequested(upTo),
      removedFromDocument: (docId) => docId === this.docId && this.stop("removed", "removed from the document"),
    });
    void this.open();
  }

  /** The connection is up again (SignalR's reconnect, or a new start): reopen with what is held, push what waits. */
  reconnected(): void {
    if (this.phase !== "idle" && this.phase !== "stopped") void this.open();
  }

  /** The connection dropped: say so now rather than at the next failed call. */
  connectionLost(): void {
    if (this.phase === "stopped" || this.phase === "idle") return;
    this.waitForConnection();
  }

  /** Leaves the document: others see this client's caret go at once (the server would also remove it on disconnect). */
  override async destroy(): Promise<void> {
    // Opening counts: the server may have let this connection in already.
    const open = (this.phase === "open" || this.phase === "opening") && this.hub.isConnected;
    const leaving = [this.relay.leave()];
    if (open) leaving.push(this.hub.closeDocument(this.docId));
    await Promise.allSettled(leaving);
    this.stop("closed", "closed");
    this.doc.off("update", this.onDocUpdate);
    this.relay.dispose();
    if (this.ownsAwareness) this.awareness.destroy();
    super.destroy();
  }

  private async open(): Promise<void> {
    this.clearTimer("retry");
    this.clearTimer("gap");
    if (!this.hub.isConnected) return this.waitForConnection();
    const openCount = ++this.openCount;
    const knownEpoch = this.sequences.epoch;
    const knownSequence = this.sequences.contiguous;
    this.phase = "opening";
    this.emit("status", [{ kind: "opening" }]);
    let state: DocumentState;
    try {
      state = await this.hub.openDocument(this.docId, knownEpoch, knownSequence);
    } catch (error) {
      if (openCount === this.openCount && this.phase === "opening") this.failed(error, () => this.open());
      return;
    }
    if (openCount !== this.openCount || this.phase !== "opening") return;
    const newEpoch = knownEpoch !== null && state.epoch !== knownEpoch;
    this.applyState(state);
    this.phase = "open";
    this.retries = 0;
    this.canWrite = state.canWrite;
    if (newEpoch && this.canWrite && hasContent(this.doc)) this.outbox.replaceAll(Y.encodeStateAsUpdate(this.doc));
    this.emit("opened", [{ epoch: state.epoch, newEpoch, snapshot: state.snapshot !== null, knownSequence, updates: state.updates.length }]);
    this.emit("status", [{ kind: "open", epoch: state.epoch, canWrite: state.canWrite }]);
    this.relay.announce();
    const early = this.early;
    this.early = [];
    early.forEach((update) => this.received(update));
    this.afterProgress();
  }

  /** Applies a DocumentState in one remote transaction; a snapshot, or another epoch, starts the sequences again. */
  private applyState(state: DocumentState): void {
    const epoch = this.sequences.epoch;
    if (state.snapshot !== null || state.epoch !== epoch) {
      if (epoch !== null && state.epoch !== epoch) this.leftEpochs.add(epoch);
      this.sequences.reset(state.epoch, state.snapshot !== null ? state.snapshotSequence : 0);
    }
    Y.transact(
      this.doc,
      () => {
        if (state.snapshot !== null) Y.applyUpdate(this.doc, state.snapshot, this);
        for (const update of state.updates) {
          if (this.sequences.add(update.sequence)) Y.applyUpdate(this.doc, update.update, this);
        }
      },
      this,
    );
    this.sequences.knowLatest(state.lastSequence);
    this.relay.reconcile(state.awareness);
  }

  private received(update: DocumentUpdate): void {
    if (this.phase === "opening") {
      this.early.push(update);
      return;
    }
    // Offline or stopped: a reopen fetches it.
    if (this.phase !== "open") return;
    if (update.epoch !== this.sequences.epoch) {
      if (!this.leftEpochs.has(update.epoch)) void this.open();
      return;
    }
    if (!this.sequences.add(update.sequence)) return;
    Y.applyUpdate(this.doc, update.update, this);
    this.afterProgress();
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.phase === "stopped") return;
    this.outbox.add(update);
    this.emit("unsent", [this.outbox.size]);
    // Updates made in the same task go as one batch.
    queueMicrotask(() => this.flush());
  };

  /** Pushes the next batch if the document is open, writable, nothing is in flight and the interval has passed. */
  private flush(): void {
    if (this.phase !== "open" || !this.canWrite || this.pushing || this.timers.flush || this.timers.retry) return;
    const wait = this.lastPushAt + this.batchIntervalMs - Date.now();
    if (wait > 0) {
      this.timers.flush = setTimeout(() => {
        this.timers.flush = undefined;
        this.flush();
      }, wait);
      return;
    }
    const batch = this.outbox.next();
    if (!batch) return;
    this.pushing = true;
    this.lastPushAt = Date.now();
    this.hub.pushUpdate(this.docId, batch.update, batch.id).then(
      (ack) => this.acknowledged(batch, ack.epoch, ack.sequence),
      (error: unknown) => {
        this.pushing = false;
        if (this.phase !== "open") return;
        this.failed(error, () => this.flush(), batch);
      },
    );
  }

  private acknowledged(batch: UpdateBatch, epoch: string, sequence: number): void {
    this.pushing = false;
    this.outbox.settled(batch);
    this.retries = 0;
    this.emit("unsent", [this.outbox.size]);
    if (this.phase === "stopped") return;
    if (epoch === this.sequences.epoch) {
      this.sequences.add(sequence);
    } else if (!this.leftEpochs.has(epoch) && this.phase === "open") {
      // Stored in an epoch this client has not opened: the log was lost. Reopen; the whole state follows.
      void this.open();
      return;
    }
    if (this.phase === "open") this.afterProgress();
  }

  /** After anything moved: push what waits, watch for a gap, answer a pending snapshot request. */
  private afterProgress(): void {
    this.flush();
    this.watchGap();
    this.trySnapshot();
  }

  private watchGap(): void {
    if (!this.sequences.hasGap) return this.clearTimer("gap");
    if (this.timers.gap || this.phase !== "open") return;
    this.timers.gap = setTimeout(() => {
      this.timers.gap = undefined;
      // An own push in flight may fill it; its ack looks again.
      if (this.phase === "open" && this.sequences.hasGap && !this.pushing) void this.open();
    }, this.gapGraceMs);
  }

  private snapshotRequested(upToSequence: number): void {
    this.snapshotWanted = Math.max(this.snapshotWanted ?? 0, upToSequence);
    this.trySnapshot();
  }

  /** Sends the whole local state once every update up to the requested sequence is applied here. */
  private trySnapshot(): void {
    const wanted = this.snapshotWanted;
    if (wanted === undefined || this.phase !== "open" || !this.canWrite || this.sequences.contiguous < wanted) return;
    this.snapshotWanted = undefined;
    const upTo = this.sequences.contiguous;
    this.hub.submitSnapshot(this.docId, Y.encodeStateAsUpdate(this.doc), upTo).then(
      (accepted) => this.emit("snapshot", [upTo, accepted]),
      // The server asks again once its log grows further.
      () => this.emit("snapshot", [upTo, false]),
    );
  }

  /** Acts on a failed open or push by the contract's error prefixes. */
  private failed(error: unknown, retry: () => void, batch?: UpdateBatch): void {
    const failure = documentFailureOf(error, this.hub.isConnected);
    switch (failure.kind) {
      case "connection":
        return this.waitForConnection();
      case "stop":
        return this.stop(failure.reason, failure.message);
      case "reopen":
        void this.open();
        return;
      case "dropUpdate":
        if (batch) this.outbox.settled(batch);
        this.emit("warning", [`An edit could not be saved: ${failure.message}`]);
        this.emit("unsent", [this.outbox.size]);
        return retry();
      case "retry": {
        const delay = this.retryDelaysMs[Math.min(this.retries, this.retryDelaysMs.length - 1)];
        this.retries++;
        this.emit("status", [{ kind: "retrying", message: failure.message }]);
        this.clearTimer("retry");
        this.timers.retry = setTimeout(() => {
          this.timers.retry = undefined;
          if (this.phase === "open") this.emit("status", [{ kind: "open", epoch: this.epoch ?? "", canWrite: this.canWrite }]);
          retry();
        }, delay);
      }
    }
  }

  private waitForConnection(): void {
    this.phase = "offline";
    this.clearTimers();
    this.emit("status", [{ kind: "offline" }]);
  }

  /** Stops for good: no more pushes or opens, others' carets cleared, the page told why. */
  private stop(reason: StopReason, message: string): void {
    if (this.phase === "stopped") return;
    this.phase = "stopped";
    this.clearTimers();
    this.unsubscribe?.();
    this.relay.cancel();
    this.relay.clearOthers();
    this.emit("status", [{ kind: "stopped", reason, message }]);
  }

  private clearTimer(name: TimerName): void {
    clearTimeout(this.timers[name]);
    this.timers[name] = undefined;
  }

  private clearTimers(): void {
    for (const name of ["flush", "gap", "retry"] as const) this.clearTimer(name);
  }
}

/** Whether the document holds anything to push into a new epoch (an empty one encodes as two zero bytes). */
function hasContent(doc: Y.Doc): boolean {
  return Y.encodeStateAsUpdate(doc).length > 2;
}
