import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import { clientIdsOf } from "./awarenessUpdates";
import type { DocsHub } from "./docsHub";

/**
 * The awareness half of a provider (carets, selections, names): this client's state goes out through PushAwareness,
 * at most once per interval and whole after every open (a new connection announces itself again); others' states
 * come in through AwarenessChanged and OpenDocument. States applied from the hub carry the relay as their origin,
 * so they are never sent back.
 */
export class AwarenessRelay {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly docId: string,
    readonly awareness: Awareness,
    private readonly hub: DocsHub,
    private readonly intervalMs: number,
    /** Whether the document is open on the connection now; until it is, the next open announces the state. */
    private readonly isOpen: () => boolean,
  ) {
    awareness.on("update", this.onUpdate);
  }

  private get self(): number {
    return this.awareness.clientID;
  }

  /** Sends this client's current state now (after an open). */
  announce(): void {
    this.cancel();
    if (!this.isOpen() || this.awareness.getLocalState() === null) return;
    this.lastSentAt = Date.now();
    const update = encodeAwarenessUpdate(this.awareness, [this.self]);
    // A lost awareness update is made good by the next one, or by the announcement after the next open.
    this.hub.pushAwareness(this.docId, update).catch(() => {});
  }

  /**
   * Takes OpenDocument's awareness (everyone else's current state, or null): others' states it does not list were
   * removed while this client was away, and go now, so no ghost caret stays.
   */
  reconcile(current: Uint8Array | null): void {
    const present = new Set(current !== null ? clientIdsOf(current) : []);
    const gone = this.others().filter((id) => !present.has(id));
    if (gone.length > 0) removeAwarenessStates(this.awareness, gone, this);
    if (current !== null) applyAwarenessUpdate(this.awareness, current, this);
  }

  applyRemote(update: Uint8Array): void {
    applyAwarenessUpdate(this.awareness, update, this);
  }

  /** The provider stopped: nobody else's caret is shown any more. */
  clearOthers(): void {
    const others = this.others();
    if (others.length > 0) removeAwarenessStates(this.awareness, others, this);
  }

  /** Removes this client's state here and, when the document is open, on the others' screens (a null state). */
  leave(): Promise<unknown> {
    this.cancel();
    removeAwarenessStates(this.awareness, [this.self], this);
    if (!this.isOpen()) return Promise.resolve();
    return this.hub.pushAwareness(this.docId, encodeAwarenessUpdate(this.awareness, [this.self]));
  }

  dispose(): void {
    this.cancel();
    this.awareness.off("update", this.onUpdate);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private others(): number[] {
    return [...this.awareness.getStates().keys()].filter((id) => id !== this.self);
  }

  private readonly onUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === this || this.timer !== undefined || !this.isOpen()) return;
    if (![...changes.added, ...changes.updated, ...changes.removed].includes(this.self)) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) return this.announce();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.announce();
    }, wait);
  };
}
