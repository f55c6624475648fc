import type { HubConnection } from "@microsoft/signalr";
import { hubRoutes } from "../api/hubRoutes";
import type { ChatMessage, Notification, PrivateMessage, RoomSnapshot, UserPresence } from "../api/contracts";
import { ManagedConnection, type ConnectionEvents, type HubConnectionOptions } from "./managedConnection";
import { fromMessagePack, notificationFromMessagePack } from "./messagePackShapes";

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
export class ChatConnection {
  private readonly hub: ManagedConnection;
  private readonly connection: HubConnection;
  /** Gives what arrives the JSON shapes (see messagePackShapes.ts); identity over JSON. */
  private readonly shape: <T>(value: T) => T;
  private readonly shapeNotification: (value: Notification) => Notification;

  constructor(
    options: HubConnectionOptions,
    private readonly events: ChatEvents,
  ) {
    this.hub = new ManagedConnection(hubRoutes.chat, options, events);
    this.connection = this.hub.connection;
    this.shape = options.protocol === "messagepack" ? <T>(value: T) => fromMessagePack(value) as T : <T>(value: T) => value;
    this.shapeNotification =
      options.protocol === "messagepack" ? (value) => notificationFromMessagePack(value) as Notification : (value) => value;
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
    return this.invoke<RoomSnapshot>("JoinRoom", room);
  }

  leaveRoom(room: string): Promise<void> {
    return this.connection.invoke("LeaveRoom", room);
  }

  sendMessage(room: string, text: string, clientMessageId: string): Promise<ChatMessage> {
    return this.invoke<ChatMessage>("SendMessage", room, text, clientMessageId);
  }

  sendPrivateMessage(toUserId: string, text: string, clientMessageId: string): Promise<PrivateMessage> {
    return this.invoke<PrivateMessage>("SendPrivateMessage", toUserId, text, clientMessageId);
  }

  setTyping(room: string, isTyping: boolean): Promise<void> {
    return this.connection.invoke("SetTyping", room, isTyping);
  }

  getHistory(room: string, afterSequence: number, limit: number): Promise<ChatMessage[]> {
    return this.invoke<ChatMessage[]>("GetHistory", room, afterSequence, limit);
  }

  private async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    return this.shape(await this.connection.invoke<T>(method, ...args));
  }

  private wire(): void {
    const c = this.connection;
    const e = this.events;
    const s = this.shape;
    c.on("MessageReceived", (m: ChatMessage) => e.messageReceived(s(m)));
    c.on("PrivateMessageReceived", (m: PrivateMessage) => e.privateMessageReceived(s(m)));
    c.on("UserJoined", (room: string, user: UserPresence) => e.userJoined(room, s(user)));
    c.on("UserLeft", (room: string, user: UserPresence) => e.userLeft(room, s(user)));
    c.on("UserTyping", (room: string, user: UserPresence, isTyping: boolean) => e.userTyping(room, s(user), isTyping));
    c.on("NotificationReceived", (n: Notification) => e.notificationReceived(this.shapeNotification(n)));
    c.on("RemovedFromRoom", (room: string) => e.removedFromRoom(room));
  }
}
