import type { UserPresence } from "../api/contracts";
import { DirectConversation, RoomConversation, directKey, roomKey, type Conversation } from "./conversation";

/** Which part of the page a change touches, so the view redraws only that. */
export type ChangeKind = "conversations" | "messages" | "members" | "typing" | "user";

export type ChangeListener = (kind: ChangeKind, conversationKey?: string) => void;

/** Everything the page shows, with no DOM and no connection: the view reads it, the session writes it. */
export class ChatState {
  me: UserPresence | undefined;
  readonly conversations = new Map<string, Conversation>();
  activeKey: string | undefined;
  private readonly listeners: ChangeListener[] = [];

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  notify(kind: ChangeKind, conversationKey?: string): void {
    for (const listener of this.listeners) listener(kind, conversationKey);
  }

  get active(): Conversation | undefined {
    return this.activeKey ? this.conversations.get(this.activeKey) : undefined;
  }

  get rooms(): RoomConversation[] {
    return [...this.conversations.values()].filter((c): c is RoomConversation => c.kind === "room");
  }

  room(name: string): RoomConversation | undefined {
    const conversation = this.conversations.get(roomKey(name));
    return conversation?.kind === "room" ? conversation : undefined;
  }

  direct(userId: string): DirectConversation | undefined {
    const conversation = this.conversations.get(directKey(userId));
    return conversation?.kind === "direct" ? conversation : undefined;
  }

  /** A user's display name from any thread or member list this page has; the id if none. */
  nameOf(userId: string): string {
    const direct = this.direct(userId);
    if (direct) return direct.name;
    for (const room of this.rooms) {
      const member = room.members.get(userId);
      if (member) return member.name;
    }
    return userId;
  }

  /** The room, created if this page has not joined it before. */
  ensureRoom(name: string): RoomConversation {
    return this.room(name) ?? this.add(new RoomConversation(name));
  }

  /** The private thread with this user, created on first use. */
  ensureDirect(user: UserPresence): DirectConversation {
    return this.direct(user.userId) ?? this.add(new DirectConversation(user.userId, user.name));
  }

  remove(key: string): void {
    this.conversations.delete(key);
    if (this.activeKey === key) {
      const next = this.conversations.keys().next();
      if (next.done) {
        this.activeKey = undefined;
        this.notify("conversations");
        this.notifyActive();
      } else {
        this.activate(next.value);
      }
      return;
    }
    this.notify("conversations");
  }

  activate(key: string): void {
    const conversation = this.conversations.get(key);
    if (!conversation) return;
    this.activeKey = key;
    conversation.unread = 0;
    this.notify("conversations");
    this.notifyActive();
  }

  private notifyActive(): void {
    this.notify("messages", this.activeKey);
    this.notify("members", this.activeKey);
    this.notify("typing", this.activeKey);
  }

  /** Counts a new message as unread unless its conversation is on screen. */
  markArrived(conversation: Conversation, count: number): void {
    if (count > 0 && conversation.key !== this.activeKey) {
      conversation.unread += count;
      this.notify("conversations");
    }
  }

  isMe(userId: string): boolean {
    return this.me?.userId === userId;
  }

  private add<T extends Conversation>(conversation: T): T {
    this.conversations.set(conversation.key, conversation);
    this.notify("conversations");
    return conversation;
  }
}
