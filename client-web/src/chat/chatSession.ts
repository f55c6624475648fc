import { limits, type ChatMessage, type Notification, type PrivateMessage, type UserPresence } from "../api/contracts";
import { TokenProvider } from "../api/tokenProvider";
import { ChatConnection, type ChatEvents } from "../connection/chatConnection";
import { isForbiddenRoom, messageOf } from "../connection/hubErrors";
import type { ConnectionStatus } from "../connection/connectionState";
import type { PageConfig } from "../config";
import type { ChatState } from "./chatState";
import type { Conversation, PendingMessage, RoomConversation } from "./conversation";
import { Outbox } from "./outbox";
import { applySnapshot, fetchHistory, rejoinRoom } from "./roomSync";
import { TypingNotifier } from "./typingNotifier";
import { privateRoomText, removedFromRoomText } from "../ui/format";

/** How long another user's typing indicator stays up without a refresh. */
const typingShownMs = 5000;

/** Signs in, talks to the hub and keeps ChatState up to date; the view only reads the state. */
export class ChatSession {
  private connection: ChatConnection | undefined;
  private readonly outbox: Outbox;
  private readonly typing: TypingNotifier;
  private resyncing = false;
  private readonly filling = new Set<string>();

  constructor(
    private readonly state: ChatState,
    private readonly config: PageConfig,
    private readonly onStatus: (status: ConnectionStatus) => void,
    private readonly reportError: (message: string) => void,
    private readonly onNotification: (notification: Notification) => void = () => {},
  ) {
    // Nothing goes out between a reconnect and the end of the rejoin, or it would reach rooms not yet rejoined.
    const canSend = (): boolean => (this.connection?.isConnected ?? false) && !this.resyncing;
    this.outbox = new Outbox(canSend, (c, p) => this.deliver(c, p), (c) => this.state.notify("messages", c.key));
    this.typing = new TypingNotifier((room, isTyping) => {
      if (this.connection?.isConnected) this.connection.setTyping(room, isTyping).catch(() => {});
    });
  }

  async signIn(userName: string): Promise<void> {
    const tokens = new TokenProvider(userName);
    await tokens.getToken();
    this.state.me = { userId: tokens.userId ?? userName, name: userName };
    this.state.notify("user");
    this.connection = new ChatConnection(
      {
        accessTokenFactory: () => tokens.getToken(),
        transport: this.config.transport,
        protocol: this.config.protocol,
        backoff: this.config.backoff,
      },
      this.events(),
    );
    await this.connection.start(false);
  }

  /** The Reconnect button: a fresh attempt after the retry policy gave up. */
  reconnect(): Promise<void> {
    return this.connection?.start(true) ?? Promise.resolve();
  }

  async joinRoom(name: string): Promise<void> {
    if (!limits.roomPattern.test(name)) {
      throw new Error("Room names are 1–64 letters, digits, _ . or -");
    }
    const existing = this.state.room(name);
    if (existing) return this.state.activate(existing.key);
    const snapshot = await this.requireConnection()
      .joinRoom(name)
      .catch((error: unknown) => {
        throw isForbiddenRoom(error) ? new Error(privateRoomText(name)) : error;
      });
    const room = this.state.ensureRoom(name);
    applySnapshot(room, snapshot);
    this.state.activate(room.key);
  }

  async leave(conversation: Conversation): Promise<void> {
    if (conversation.kind === "room" && this.connection?.isConnected) {
      this.typing.stop();
      await this.connection.leaveRoom(conversation.name);
    }
    this.state.remove(conversation.key);
  }

  openDirect(user: UserPresence): void {
    if (this.state.isMe(user.userId)) return;
    this.state.activate(this.state.ensureDirect(user).key);
  }

  activate(key: string): void {
    this.typing.stop();
    this.state.activate(key);
  }

  /** Shows the message as pending at once; it goes out now or, if the connection is down, after the reconnect. */
  send(text: string): void {
    const conversation = this.state.active;
    const trimmed = text.trim();
    if (!conversation || trimmed.length === 0) return;
    if (trimmed.length > limits.maxMessageLength) {
      throw new Error(`Messages are at most ${limits.maxMessageLength} characters.`);
    }
    this.typing.stop();
    this.outbox.enqueue(conversation, trimmed);
  }

  retry(conversation: Conversation, clientMessageId: string): void {
    this.outbox.retry(conversation, clientMessageId);
  }

  discard(conversation: Conversation, clientMessageId: string): void {
    this.outbox.discard(conversation, clientMessageId);
  }

  /** Keystrokes in the message box of the active room. */
  inputChanged(hasText: boolean): void {
    const active = this.state.active;
    if (active?.kind !== "room") return;
    if (hasText) this.typing.input(active.name);
    else this.typing.stop();
  }

  private async deliver(conversation: Conversation, pending: PendingMessage): Promise<void> {
    const connection = this.requireConnection();
    if (conversation.kind === "room") {
      const message = await connection.sendMessage(conversation.name, pending.text, pending.clientMessageId);
      this.onMessage(message);
    } else {
      const message = await connection.sendPrivateMessage(conversation.userId, pending.text, pending.clientMessageId);
      this.onPrivateMessage(message);
    }
  }

  private events(): ChatEvents {
    return {
      messageReceived: (m) => this.onMessage(m),
      privateMessageReceived: (m) => this.onPrivateMessage(m),
      userJoined: (room, user) => this.withRoom(room, "members", (r) => r.members.set(user.userId, user)),
      userLeft: (room, user) =>
        this.withRoom(room, "members", (r) => {
          r.members.delete(user.userId);
          r.typing.delete(user.userId);
        }),
      userTyping: (room, user, isTyping) => this.onTyping(room, user, isTyping),
      notificationReceived: (n) => this.onNotification(n),
      removedFromRoom: (room) => this.onRemoved(room),
      statusChanged: (status) => this.onStatus(status),
      reconnected: () => void this.resync(),
    };
  }

  /** Taken out of a private room: the room goes from the list (it is not rejoined), and the user is told why. */
  private onRemoved(name: string): void {
    const room = this.state.room(name);
    if (!room) return;
    this.state.remove(room.key);
    this.reportError(removedFromRoomText(name));
  }

  private onMessage(message: ChatMessage): void {
    const room = this.state.room(message.room);
    if (!room || !room.followEpoch(message.epoch)) return;
    const seenThrough = room.lastSequence; // 0 when this message opened a new epoch: everything before it is missing
    const added = room.addMessages([message]);
    if (added.length === 0) return;
    if (this.state.isMe(message.senderId)) room.confirm(message.clientMessageId);
    if (room.typing.delete(message.senderId)) this.state.notify("typing", room.key);
    this.state.markArrived(room, added.length);
    this.state.notify("messages", room.key);
    if (message.sequence > seenThrough + 1 && !this.resyncing) void this.fillGap(room, seenThrough, message.sequence - 1);
  }

  private onPrivateMessage(message: PrivateMessage): void {
    const mine = this.state.isMe(message.fromUserId);
    const other = mine
      ? { userId: message.toUserId, name: this.state.nameOf(message.toUserId) }
      : { userId: message.fromUserId, name: message.fromName };
    const thread = this.state.ensureDirect(other);
    if (!thread.add(message)) return;
    if (mine) thread.confirm(message.clientMessageId);
    this.state.markArrived(thread, 1);
    this.state.notify("messages", thread.key);
  }

  private onTyping(roomName: string, user: UserPresence, isTyping: boolean): void {
    if (this.state.isMe(user.userId)) return;
    this.withRoom(roomName, "typing", (room) => {
      room.setTyping(user, isTyping, Date.now() + typingShownMs);
      // The indicator expires by itself: a lost "stopped" must not leave it up forever.
      setTimeout(() => {
        if (room.expireTyping(Date.now())) this.state.notify("typing", room.key);
      }, typingShownMs + 50);
    });
  }

  private withRoom(name: string, kind: "members" | "typing", change: (room: RoomConversation) => void): void {
    const room = this.state.room(name);
    if (!room) return;
    change(room);
    this.state.notify(kind, room.key);
  }

  /** After a reconnect: rejoin every room, fill each gap from history, then send what waited. */
  private async resync(): Promise<void> {
    this.resyncing = true;
    try {
      for (const room of this.state.rooms) {
        try {
          const added = await rejoinRoom(this.requireConnection(), room);
          this.state.markArrived(room, added.length);
          this.state.notify("messages", room.key);
          this.state.notify("members", room.key);
          this.state.notify("typing", room.key);
        } catch (error) {
          if (isForbiddenRoom(error)) {
            this.state.remove(room.key);
            this.reportError(privateRoomText(room.name));
          } else if (this.connection?.isConnected) this.reportError(`Could not rejoin #${room.name}: ${messageOf(error)}`);
        }
      }
    } finally {
      this.resyncing = false;
    }
    for (const conversation of this.state.conversations.values()) void this.outbox.pump(conversation);
  }

  /** A live message skipped sequences (a node hiccup): fetch the ones in between. */
  private async fillGap(room: RoomConversation, after: number, upTo: number): Promise<void> {
    if (this.filling.has(room.key)) return;
    this.filling.add(room.key);
    try {
      const added = await fetchHistory(this.requireConnection(), room, after, upTo);
      this.state.markArrived(room, added.length);
      this.state.notify("messages", room.key);
    } catch {
      // The connection dropped; the resync after the reconnect fills the same gap.
    } finally {
      this.filling.delete(room.key);
    }
  }

  private requireConnection(): ChatConnection {
    if (!this.connection) throw new Error("Not signed in.");
    return this.connection;
  }
}
