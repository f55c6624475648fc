import type { HubConnection } from "@microsoft/signalr";
import { hubRoutes } from "../api/hubRoutes";
import type { ChatMessage, Notification, PrivateMessage, RoomSnapshot, UserPresence } from "../api/contracts";
import { ManagedConnection, type ConnectionEvents, type HubConnectionOptions } from "./managedConnection";

/** The hub's events (IChatClient) plus the connection's own. */
export interface ChatEvents extends ConnectionEvents {
  messageReceived(message: ChatMessage): void;
  privateMessageReceived(message: PrivateMessage): void;
  userJoined(room: string, user: UserPresence): void;
  userLeft(room: string, user: UserPresence): void;
  userTyping(room: string, user: UserPresence, isTyping: boolean): void;
  notificationReceived(notification: Notification): void;
  /** The server took this connection out of a private room (revoked, or the room was made private). */
  removedFromRoom(room: string): void;
}

/**
 * The hub at /hubs/chat with typed methods (IChatHub). Every invocation passes every argument:
 * SignalR binds by position, so an omitted optional clientMessageId would fail on the server.
 */
/** The chat hub's options: the shared ones, and where the hub is when it is not on the page's origin (a test's node). */
export interface ChatConnectionOptions extends HubConnectionOptions {
  hubUrl?: string;
}

export class ChatConnection {
  private readonly hub: ManagedConnection;
  private readonly connection: HubConnection;

  constructor(
    options: ChatConnectionOptions,
    private readonly events: ChatEvents,
  ) {
    this.hub = new ManagedConnection(options.hubUrl ?? hubRoutes.chat, options, events);
    this.connection = this.hub.connection;
    this.wire();
  }

  get isConnected(): boolean {
    return this.hub.isConnected;
  }

  /** First connect, and the Reconnect button after retrying gave up. */
  start(isRetry: boolean): Promise<void> {
    return this.hub.start(isRetry);
  }

  stop(): Promise<void> {
    return this.hub.stop();
  }

  joinRoom(room: string): Promise<RoomSnapshot> {
    return this.connection.invoke<RoomSnapshot>("JoinRoom", room);
  }

  leaveRoom(room: string): Promise<void> {
    return this.connection.invoke("LeaveRoom", room);
  }

  sendMessage(room: string, text: string, clientMessageId: string): Promise<ChatMessage> {
    return this.connection.invoke<ChatMessage>("SendMessage", room, text, clientMessageId);
  }

  sendPrivateMessage(toUserId: string, text: string, clientMessageId: string): Promise<PrivateMessage> {
    return this.connection.invoke<PrivateMessage>("SendPrivateMessage", toUserId, text, clientMessageId);
  }

  setTyping(room: string, isTyping: boolean): Promise<void> {
    return this.connection.invoke("SetTyping", room, isTyping);
  }

  getHistory(room: string, afterSequence: number, limit: number): Promise<ChatMessage[]> {
    return this.connection.invoke<ChatMessage[]>("GetHistory", room, afterSequence, limit);
  }

  private wire(): void {
    const c = this.connection;
    const e = this.events;
    c.on("MessageReceived", (m: ChatMessage) => e.messageReceived(m));
    c.on("PrivateMessageReceived", (m: PrivateMessage) => e.privateMessageReceived(m));
    c.on("UserJoined", (room: string, user: UserPresence) => e.userJoined(room, user));
    c.on("UserLeft", (room: string, user: UserPresence) => e.userLeft(room, user));
    c.on("UserTyping", (room: string, user: UserPresence, isTyping: boolean) => e.userTyping(room, user, isTyping));
    c.on("NotificationReceived", (n: Notification) => e.notificationReceived(n));
    c.on("RemovedFromRoom", (room: string) => e.removedFromRoom(room));
  }
}
