// The collaborative-document shapes of CONTRACT §10 as they arrive: camelCase over both protocols, byte arrays as
// base64 strings over JSON and Uint8Array over MessagePack (SignalR's own mapping of byte[]). src/docs/docsHub.ts
// turns both into the Uint8Array forms below, once.

/** Bytes as a hub protocol carries them. */
export type WireBytes = string | Uint8Array;

export interface WireDocumentUpdate {
  docId: string;
  epoch: string;
  sequence: number;
  update: WireBytes;
  userId: string;
}

export interface WireDocumentState {
  docId: string;
  epoch: string;
  snapshot: WireBytes | null;
  snapshotSequence: number;
  updates: WireDocumentUpdate[];
  lastSequence: number;
  canWrite: boolean;
  awareness: WireBytes | null;
}

/** One stored Yjs v1 update: sequences start at 1 per document and epoch and have no gaps. */
export interface DocumentUpdate {
  docId: string;
  epoch: string;
  sequence: number;
  update: Uint8Array;
  userId: string;
}

/**
 * What OpenDocument returns: the whole state (snapshot, then the updates after it), or, when the caller named the
 * current epoch and a sequence at or after the snapshot, only the updates after that sequence (snapshot null).
 */
export interface DocumentState {
  docId: string;
  epoch: string;
  snapshot: Uint8Array | null;
  snapshotSequence: number;
  updates: DocumentUpdate[];
  lastSequence: number;
  canWrite: boolean;
  /** One awareness update holding everyone else's current state, or null. */
  awareness: Uint8Array | null;
}

/** Where a pushed update was stored. */
export interface DocumentAck {
  epoch: string;
  sequence: number;
}

/** The contract's limits, checked before asking. */
export const docsLimits = {
  /** Document ids follow the room-name rule. */
  docIdPattern: /^[A-Za-z0-9_.-]{1,64}$/,
  /** Docs:MaxUpdateBytes' default, raw bytes. */
  maxUpdateBytes: 1024 * 1024,
} as const;
