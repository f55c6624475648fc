// The shapes of CONTRACT §3 and §4 as they arrive over JSON (camelCase, ISO-8601 UTC times).

export interface TokenResponse {
  accessToken: string;
  expiresAt: string;
  userId: string;
}

export interface UserPresence {
  userId: string;
  name: string;
}

export interface ChatMessage {
  id: string;
  room: string;
  /** Opaque; changes when the server lost the room's history, and sequences start again at 1 in the new one. */
  epoch: string;
  sequence: number;
  senderId: string;
  senderName: string;
  text: string;
  sentAt: string;
  clientMessageId: string | null;
}

export interface PrivateMessage {
  id: string;
  fromUserId: string;
  fromName: string;
  toUserId: string;
  text: string;
  sentAt: string;
  clientMessageId: string | null;
}

/** A service's notification to this user (CONTRACT §4): `data` is any JSON value. */
export interface Notification {
  id: string;
  type: string;
  data: unknown;
  sentAt: string;
}

export interface RoomSnapshot {
  room: string;
  epoch: string;
  members: UserPresence[];
  recent: ChatMessage[];
  lastSequence: number;
}

/** Server-side limits the page checks before sending (CONTRACT §2–§4). */
export const limits = {
  namePattern: /^[A-Za-z0-9_.-]{1,32}$/,
  roomPattern: /^[A-Za-z0-9_.-]{1,64}$/,
  maxMessageLength: 4000,
  maxHistoryPage: 500,
} as const;
