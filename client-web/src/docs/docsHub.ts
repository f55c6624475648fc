import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import { fromBase64, toBase64 } from "lib0/buffer";
import type {
  DocumentAck,
  DocumentState,
  DocumentUpdate,
  WireBytes,
  WireDocumentState,
  WireDocumentUpdate,
} from "../api/docsContracts";
import type { HubProtocolName } from "../connection/hubProtocol";

/** The document hub's events (IDocumentClient), bytes as Uint8Array. */
export interface DocsHubEvents {
  documentUpdated(docId: string, update: DocumentUpdate): void;
  awarenessChanged(docId: string, update: Uint8Array): void;
  snapshotRequested(docId: string, upToSequence: number): void;
  removedFromDocument(docId: string): void;
}

/**
 * What a provider needs of a connection to /hubs/docs (IDocumentHub): its methods by their exact names, with every
 * argument passed (SignalR binds by position), and bytes as Uint8Array whichever protocol carries them.
 */
export interface DocsHub {
  readonly isConnected: boolean;
  openDocument(docId: string, knownEpoch: string | null, knownSequence: number): Promise<DocumentState>;
  pushUpdate(docId: string, update: Uint8Array, clientUpdateId: string): Promise<DocumentAck>;
  pushAwareness(docId: string, update: Uint8Array): Promise<void>;
  submitSnapshot(docId: string, snapshot: Uint8Array, upToSequence: number): Promise<boolean>;
  closeDocument(docId: string): Promise<void>;
  /** Listens to the hub's events until the returned function is called. */
  subscribe(events: DocsHubEvents): () => void;
}

/**
 * {@link DocsHub} over the official SignalR client. Byte arrays travel as base64 strings over JSON and as binary over
 * MessagePack (SignalR's mapping of byte[]); this is the one place that knows.
 */
export class SignalRDocsHub implements DocsHub {
  private readonly encode: (bytes: Uint8Array) => WireBytes;

  constructor(
    private readonly connection: HubConnection,
    protocol: HubProtocolName,
  ) {
    this.encode = protocol === "messagepack" ? (bytes) => bytes : toBase64;
  }

  get isConnected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  async openDocument(docId: string, knownEpoch: string | null, knownSequence: number): Promise<DocumentState> {
    return stateOf(await this.connection.invoke<WireDocumentState>("OpenDocument", docId, knownEpoch, knownSequence));
  }

  async pushUpdate(docId: string, update: Uint8Array, clientUpdateId: string): Promise<DocumentAck> {
    const ack = await this.connection.invoke<DocumentAck>("PushUpdate", docId, this.encode(update), clientUpdateId);
    return { epoch: ack.epoch, sequence: Number(ack.sequence) };
  }

  pushAwareness(docId: string, update: Uint8Array): Promise<void> {
    return this.connection.invoke("PushAwareness", docId, this.encode(update));
  }

  submitSnapshot(docId: string, snapshot: Uint8Array, upToSequence: number): Promise<boolean> {
    return this.connection.invoke<boolean>("SubmitSnapshot", docId, this.encode(snapshot), upToSequence);
  }

  closeDocument(docId: string): Promise<void> {
    return this.connection.invoke("CloseDocument", docId);
  }

  subscribe(events: DocsHubEvents): () => void {
    const handlers: [string, (...args: never[]) => void][] = [
      ["DocumentUpdated", (docId: string, update: WireDocumentUpdate) => events.documentUpdated(docId, updateOf(update))],
      ["AwarenessChanged", (docId: string, update: WireBytes) => events.awarenessChanged(docId, bytesOf(update))],
      ["SnapshotRequested", (docId: string, upTo: number) => events.snapshotRequested(docId, Number(upTo))],
      ["RemovedFromDocument", (docId: string) => events.removedFromDocument(docId)],
    ];
    for (const [method, handler] of handlers) this.connection.on(method, handler as (...args: unknown[]) => void);
    return () => {
      for (const [method, handler] of handlers) this.connection.off(method, handler as (...args: unknown[]) => void);
    };
  }
}

/** A base64 string (JSON) or binary (MessagePack) as bytes. */
export function bytesOf(value: WireBytes): Uint8Array {
  return typeof value === "string" ? fromBase64(value) : value;
}

export function updateOf(update: WireDocumentUpdate): DocumentUpdate {
  return { ...update, sequence: Number(update.sequence), update: bytesOf(update.update) };
}

export function stateOf(state: WireDocumentState): DocumentState {
  return {
    ...state,
    snapshot: state.snapshot == null ? null : bytesOf(state.snapshot),
    snapshotSequence: Number(state.snapshotSequence),
    updates: state.updates.map(updateOf),
    lastSequence: Number(state.lastSequence),
    awareness: state.awareness == null ? null : bytesOf(state.awareness),
  };
}
