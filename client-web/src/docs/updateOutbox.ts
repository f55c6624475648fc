import * as Y from "yjs";

/** Updates pushed as one: its id is sent again, unchanged, until the server acknowledges it. */
export interface UpdateBatch {
  id: string;
  update: Uint8Array;
}

/**
 * Local updates not yet stored by the server. Pending ones are merged into one batch per push (Y.mergeUpdates) under a
 * new clientUpdateId; a batch stays the next one until acknowledged, so a retry after a lost answer or a reconnect
 * sends the same id and the server stores it once. Nothing leaves the outbox unacknowledged, so offline edits wait here.
 */
export class UpdateOutbox {
  private pending: Uint8Array[] = [];
  private batch: UpdateBatch | undefined;

  constructor(
    private readonly newId: () => string,
    /** A batch merges pending updates up to this many raw bytes (Docs:MaxUpdateBytes), always at least one. */
    private readonly maxBatchBytes: number,
  ) {}

  /** Updates waiting, the unacknowledged batch counting as one. */
  get size(): number {
    return this.pending.length + (this.batch ? 1 : 0);
  }

  add(update: Uint8Array): void {
    this.pending.push(update);
  }

  /** What to push now: the unacknowledged batch again, or the pending updates merged under a new id. */
  next(): UpdateBatch | undefined {
    if (this.batch) return this.batch;
    if (this.pending.length === 0) return undefined;
    let count = 1;
    let bytes = this.pending[0].length;
    while (count < this.pending.length && bytes + this.pending[count].length <= this.maxBatchBytes) {
      bytes += this.pending[count].length;
      count++;
    }
    const taken = this.pending.splice(0, count);
    this.batch = { id: this.newId(), update: taken.length === 1 ? taken[0] : Y.mergeUpdates(taken) };
    return this.batch;
  }

  /** The server stored this batch (or refused it for good): the next one may go. */
  settled(batch: UpdateBatch): void {
    if (this.batch === batch) this.batch = undefined;
  }

  /**
   * The document started a new epoch: the whole local state (which holds everything waiting here) replaces what
   * waits, to be pushed under a new id.
   */
  replaceAll(wholeState: Uint8Array): void {
    this.batch = undefined;
    this.pending = [wholeState];
  }
}
