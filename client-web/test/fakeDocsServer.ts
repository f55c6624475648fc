import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import type { DocumentAck, DocumentState, DocumentUpdate } from "../src/api/docsContracts";
import type { DocsHub, DocsHubEvents } from "../src/docs/docsHub";

/** A refusal as the hub words it (its protocol unwraps SignalR's "… HubException: " around the contract's errors). */
export const hubError = (message: string) => new Error(message);

const connectionClosed = () => new Error("Invocation canceled due to the underlying connection being closed.");

interface Stored extends DocumentUpdate {
  clientUpdateId: string;
}

/** Resolves after every queued microtask and zero-delay timer: the fake network's delivery. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * One document as CONTRACT §10 describes the server's side, in memory: a log sequenced per epoch, idempotent pushes by
 * user and clientUpdateId, relays to the other connections, awareness held per connection and removed when it leaves,
 * snapshots, access. Its connections answer and deliver on later turns of the event loop, as a network does.
 */
export class FakeDocsServer {
  epoch = "e1";
  log: Stored[] = [];
  snapshot: { update: Uint8Array; upTo: number } | undefined;
  readonly connections = new Set<FakeDocsConnection>();
  /** Users refused (OpenDocument and PushUpdate answer `forbidden document`). */
  readonly forbidden = new Set<string>();
  readonly readers = new Set<string>();
  /** The server's own view of awareness: what a newcomer gets in DocumentState. */
  readonly awareness = new Awareness(new Y.Doc());
  private readonly acks = new Map<string, DocumentAck>();

  constructor(readonly docId = "doc") {
    this.awareness.setLocalState(null);
  }

  dispose(): void {
    this.awareness.destroy();
  }

  connect(userId: string): FakeDocsConnection {
    return new FakeDocsConnection(this, userId);
  }

  /** Redis lost the log: a new epoch, empty. */
  loseLog(epoch: string): void {
    this.epoch = epoch;
    this.log = [];
    this.snapshot = undefined;
    this.acks.clear();
  }

  /** What a fresh client would hold after opening. */
  content(): Y.Doc {
    const doc = new Y.Doc();
    if (this.snapshot) Y.applyUpdate(doc, this.snapshot.update);
    for (const entry of this.log) Y.applyUpdate(doc, entry.update);
    return doc;
  }

  open(connection: FakeDocsConnection, knownEpoch: string | null, knownSequence: number): DocumentState {
    if (this.forbidden.has(connection.userId)) throw hubError("forbidden document");
    this.connections.add(connection);
    const snapshotSequence = this.snapshot?.upTo ?? 0;
    const tailOnly = knownEpoch === this.epoch && knownSequence >= snapshotSequence;
    const others = [...this.awareness.getStates().keys()].filter((id) => !connection.awarenessIds.has(id));
    return {
      docId: this.docId,
      epoch: this.epoch,
      snapshot: tailOnly ? null : (this.snapshot?.update ?? null),
      snapshotSequence,
      updates: this.log.filter((u) => u.sequence > (tailOnly ? knownSequence : snapshotSequence)).map(withoutId),
      lastSequence: this.log.at(-1)?.sequence ?? snapshotSequence,
      canWrite: !this.readers.has(connection.userId),
      awareness: others.length > 0 ? encodeAwarenessUpdate(this.awareness, others) : null,
    };
  }

  push(connection: FakeDocsConnection, update: Uint8Array, clientUpdateId: string): DocumentAck {
    this.requireMember(connection);
    if (this.forbidden.has(connection.userId) || this.readers.has(connection.userId)) throw hubError("forbidden document");
    const key = `${connection.userId}/${clientUpdateId}`;
    const original = this.acks.get(key);
    if (original) return original;
    const sequence = (this.log.at(-1)?.sequence ?? this.snapshot?.upTo ?? 0) + 1;
    const stored: Stored = { docId: this.docId, epoch: this.epoch, sequence, update, userId: connection.userId, clientUpdateId };
    this.log.push(stored);
    const ack = { epoch: this.epoch, sequence };
    this.acks.set(key, ack);
    for (const other of this.connections) if (other !== connection) other.deliver((e) => e.documentUpdated(this.docId, withoutId(stored)));
    return ack;
  }

  pushAwareness(connection: FakeDocsConnection, update: Uint8Array): void {
    this.requireMember(connection);
    const before = new Set(this.awareness.getStates().keys());
    applyAwarenessUpdate(this.awareness, update, connection);
    for (const id of this.awareness.getStates().keys()) if (!before.has(id)) connection.awarenessIds.add(id);
    for (const other of this.connections) if (other !== connection) other.deliver((e) => e.awarenessChanged(this.docId, update));
  }

  /** Accepts when the snapshot contains every stored update up to upTo: none of them changes it. */
  submitSnapshot(connection: FakeDocsConnection, snapshot: Uint8Array, upTo: number): boolean {
    this.requireMember(connection);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, snapshot);
    const before = Y.encodeStateAsUpdate(doc).join();
    for (const u of this.log) if (u.sequence <= upTo) Y.applyUpdate(doc, u.update);
    if (Y.encodeStateAsUpdate(doc).join() !== before) return false;
    this.snapshot = { update: snapshot, upTo };
    this.log = this.log.filter((u) => u.sequence > upTo);
    return true;
  }

  /** The connection closed the document or went: the others see its awareness states removed. */
  leave(connection: FakeDocsConnection): void {
    if (!this.connections.delete(connection)) return;
    const ids = [...connection.awarenessIds];
    connection.awarenessIds.clear();
    if (ids.length === 0) return;
    removeAwarenessStates(this.awareness, ids, "server");
    const removal = encodeAwarenessUpdate(this.awareness, ids);
    for (const other of this.connections) other.deliver((e) => e.awarenessChanged(this.docId, removal));
  }

  requestSnapshot(connection: FakeDocsConnection, upTo: number): void {
    connection.deliver((e) => e.snapshotRequested(this.docId, upTo));
  }

  remove(connection: FakeDocsConnection): void {
    this.leave(connection);
    connection.deliver((e) => e.removedFromDocument(this.docId));
  }

  private requireMember(connection: FakeDocsConnection): void {
    if (!this.connections.has(connection)) throw hubError("not in document");
  }
}

/** One connection to the fake server, as a provider sees it; tests drop it, bring it back and lose its answers. */
export class FakeDocsConnection implements DocsHub {
  isConnected = true;
  readonly calls: { method: string; args: unknown[]; at: number }[] = [];
  readonly awarenessIds = new Set<number>();
  /** The next pushes are stored but their answers never come (lost with the connection). */
  loseAcks = false;
  /** Answers the next call of a method with this error instead. */
  readonly failNext = new Map<string, Error>();
  private events: DocsHubEvents | undefined;
  private unanswered: ((error: Error) => void)[] = [];

  constructor(
    readonly server: FakeDocsServer,
    readonly userId: string,
  ) {}

  callsOf(method: string): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  openDocument(docId: string, knownEpoch: string | null, knownSequence: number): Promise<DocumentState> {
    return this.call("OpenDocument", [docId, knownEpoch, knownSequence], () => this.server.open(this, knownEpoch, knownSequence));
  }

  pushUpdate(docId: string, update: Uint8Array, clientUpdateId: string): Promise<DocumentAck> {
    return this.call("PushUpdate", [docId, update, clientUpdateId], () => this.server.push(this, update, clientUpdateId), this.loseAcks);
  }

  pushAwareness(docId: string, update: Uint8Array): Promise<void> {
    return this.call("PushAwareness", [docId, update], () => this.server.pushAwareness(this, update));
  }

  submitSnapshot(docId: string, snapshot: Uint8Array, upToSequence: number): Promise<boolean> {
    return this.call("SubmitSnapshot", [docId, snapshot, upToSequence], () => this.server.submitSnapshot(this, snapshot, upToSequence));
  }

  closeDocument(docId: string): Promise<void> {
    return this.call("CloseDocument", [docId], () => this.server.leave(this));
  }

  subscribe(events: DocsHubEvents): () => void {
    this.events = events;
    return () => (this.events = undefined);
  }

  /** The link breaks: calls under way fail as SignalR fails them, and the server treats it as a disconnect. */
  drop(): void {
    this.isConnected = false;
    this.loseAcks = false;
    this.server.leave(this);
    const unanswered = this.unanswered;
    this.unanswered = [];
    unanswered.forEach((reject) => reject(connectionClosed()));
  }

  /** A server event, delivered a turn later if the connection is still up. */
  deliver(event: (events: DocsHubEvents) => void): void {
    setTimeout(() => {
      if (this.isConnected && this.events) event(this.events);
    }, 0);
  }

  private call<T>(method: string, args: unknown[], run: () => T, loseAnswer = false): Promise<T> {
    this.calls.push({ method, args, at: Date.now() });
    return new Promise<T>((resolve, reject) => {
      if (!this.isConnected) return reject(connectionClosed());
      const failure = this.failNext.get(method);
      this.failNext.delete(method);
      this.unanswered.push(reject);
      setTimeout(() => {
        if (!this.isConnected) return;
        this.unanswered = this.unanswered.filter((r) => r !== reject);
        if (failure) return reject(failure);
        try {
          const result = run();
          // A lost answer: stored on the server, never heard of here (until the connection fails the call).
          if (loseAnswer) this.unanswered.push(reject);
          else resolve(result);
        } catch (error) {
          reject(error as Error);
        }
      }, 0);
    });
  }
}

function withoutId(stored: Stored): DocumentUpdate {
  return { docId: stored.docId, epoch: stored.epoch, sequence: stored.sequence, update: stored.update, userId: stored.userId };
}
