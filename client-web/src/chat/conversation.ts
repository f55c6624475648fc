import type { ChatMessage, PrivateMessage, UserPresence } from "../api/contracts";

/** A message the user sent that the server has not acknowledged yet. */
export interface PendingMessage {
  clientMessageId: string;
  text: string;
  createdAt: number;
  /** "pending" is retried after a reconnect; "failed" was refused by the server and waits for the user. */
  status: "pending" | "failed";
  error?: string;
}

/** Shared by rooms and private threads: unread count and the outbox. */
abstract class ConversationBase {
  abstract readonly key: string;
  abstract readonly title: string;
  unread = 0;
  readonly pending: PendingMessage[] = [];

  /** Drops the pending entry the server has now acknowledged; true if there was one. */
  confirm(clientMessageId: string | null): boolean {
    if (!clientMessageId) return false;
    const index = this.pending.findIndex((p) => p.clientMessageId === clientMessageId);
    if (index < 0) return false;
    this.pending.splice(index, 1);
    return true;
  }
}

/**
 * A joined room: its messages in sequence order (each sequence once within the room's epoch), members and who is
 * typing. A message or snapshot of a new epoch (the server lost the room's history) moves what was shown to
 * `earlier` and starts counting from 0 in the new epoch; late messages of an epoch already left are dropped.
 */
export class RoomConversation extends ConversationBase {
  readonly kind = "room";
  readonly messages: ChatMessage[] = [];
  readonly members = new Map<string, UserPresence>();
  /** userId → when the indicator stops showing (ms since epoch). */
  readonly typing = new Map<string, { user: UserPresence; until: number }>();
  /** Messages of epochs the room has left (the server lost their history); shown above a divider. */
  readonly earlier: ChatMessage[] = [];
  /** The epoch lastSequence counts in; null until the first snapshot or message names it. */
  epoch: string | null = null;
  /** Highest sequence this page has seen or been told exists (RoomSnapshot.lastSequence); history after it is the gap. */
  lastSequence = 0;
  /** Sequences of the current epoch already shown, to drop repeats. */
  private readonly sequences = new Set<number>();
  /** senderId + clientMessageId of the messages in `earlier`: a retry stored again after the loss is not shown twice. */
  private readonly earlierSends = new Set<string>();

  constructor(readonly name: string) {
    super();
  }

  get key(): string {
    return roomKey(this.name);
  }

  get title(): string {
    return `#${this.name}`;
  }

  /** Adds the messages not seen yet, keeping sequence order, following a new epoch; returns the ones that were new. */
  addMessages(messages: readonly ChatMessage[]): ChatMessage[] {
    const added: ChatMessage[] = [];
    for (const message of messages) {
      if (!this.followEpoch(message.epoch)) continue;
      if (this.sequences.has(message.sequence)) continue;
      this.sequences.add(message.sequence);
      this.lastSequence = Math.max(this.lastSequence, message.sequence);
      if (message.clientMessageId && this.earlierSends.has(sendKey(message))) continue; // already shown above the divider
      this.insertInOrder(message);
      added.push(message);
    }
    return added;
  }

  /**
   * Makes `epoch` the room's epoch when it is newer (epochs begin with their creation time, so they sort by age):
   * what was shown moves to `earlier` and sequences count from 0 again. Returns false for an older epoch (a late
   * message of a lost history).
   */
  followEpoch(epoch: string): boolean {
    if (this.epoch === epoch) return true;
    if (this.epoch !== null && epoch < this.epoch) return false;
    if (this.epoch !== null) {
      for (const m of this.messages) if (m.clientMessageId) this.earlierSends.add(sendKey(m));
      this.earlier.push(...this.messages);
      this.messages.length = 0;
      this.sequences.clear();
      this.lastSequence = 0;
    }
    this.epoch = epoch;
    return true;
  }

  setMembers(members: readonly UserPresence[]): void {
    this.members.clear();
    for (const member of members) this.members.set(member.userId, member);
  }

  setTyping(user: UserPresence, isTyping: boolean, until: number): void {
    if (isTyping) this.typing.set(user.userId, { user, until });
    else this.typing.delete(user.userId);
  }

  /** Forgets indicators that ran out; true if any did. */
  expireTyping(now: number): boolean {
    let changed = false;
    for (const [userId, entry] of this.typing) {
      if (entry.until <= now) {
        this.typing.delete(userId);
        changed = true;
      }
    }
    return changed;
  }

  private insertInOrder(message: ChatMessage): void {
    // Live messages almost always go at the end; history pages fill in before it.
    let index = this.messages.length;
    while (index > 0 && this.messages[index - 1]!.sequence > message.sequence) index--;
    this.messages.splice(index, 0, message);
  }
}

/** Private messages with one other user, each message once, in the order they were sent. */
export class DirectConversation extends ConversationBase {
  readonly kind = "direct";
  readonly messages: PrivateMessage[] = [];
  private readonly ids = new Set<string>();

  constructor(
    readonly userId: string,
    public name: string,
  ) {
    super();
  }

  get key(): string {
    return directKey(this.userId);
  }

  get title(): string {
    return `@${this.name}`;
  }

  /** Adds the message unless it is already here; true if it was new. */
  add(message: PrivateMessage): boolean {
    if (this.ids.has(message.id)) return false;
    this.ids.add(message.id);
    const sentAt = Date.parse(message.sentAt);
    let index = this.messages.length;
    while (index > 0 && Date.parse(this.messages[index - 1]!.sentAt) > sentAt) index--;
    this.messages.splice(index, 0, message);
    return true;
  }
}

export type Conversation = RoomConversation | DirectConversation;

export const roomKey = (room: string): string => `room:${room}`;
const sendKey = (m: ChatMessage): string => `${m.senderId}\n${m.clientMessageId}`;
export const directKey = (userId: string): string => `direct:${userId}`;
