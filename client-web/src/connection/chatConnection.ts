import {
  HttpTransportType,
  HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type IHttpConnectionOptions,
} from "@microsoft/signalr";
import type { ChatMessage, Notification, PrivateMessage, RoomSnapshot, UserPresence } from "../api/contracts";
import { BackoffRetryPolicy, type BackoffOptions } from "./backoffRetryPolicy";
import type { ConnectionStatus } from "./connectionState";
import { messageOf } from "./hubErrors";
import { createHubProtocol, type HubProtocolName } from "./hubProtocol";

/** The hub's events (IChatClient) plus the connection's own. */
export interface ChatEvents {
  messageReceived(message: ChatMessage): void;
  privateMessageReceived(message: PrivateMessage): void;
  userJoined(room: string, user: UserPresence): void;
  userLeft(room: string, user: UserPresence): void;
  userTyping(room: string, user: UserPresence, isTyping: boolean): void;
  notificationReceived(notification: Notification): void;
  /** The server took this connection out of a private room (revoked, or the room was made private). */
  removedFromRoom(room: string): void;
  statusChanged(status: ConnectionStatus): void;
  /** A new connection is up after a drop (automatic or by the Reconnect button): rejoin and fill gaps. */
  reconnected(): void;
}

export interface ChatConnectionOptions {
  accessTokenFactory: () => Promise<string>;
  /** WebSockets only, without the negotiate request (for load balancers without sticky sessions). */
  webSocketsOnly: boolean;
  /** MessagePack: binary frames; where WebSockets are blocked it falls back to long polling (SSE carries text only). */
  protocol: HubProtocolName;
  backoff: Partial<BackoffOptions>;
  /** The hub's URL; the page's own origin unless given (a test against a node elsewhere). */
  hubUrl?: string;
}

/**
 * The hub at /hubs/chat with typed methods (IChatHub). Every invocation passes every argument:
 * SignalR binds by position, so an omitted optional clientMessageId would fail on the server.
 */
export class ChatConnection {
  private readonly connection: HubConnection;
  private stopping = false;
  /** Retries scheduled since the connection was last up; tells "gave up" apart from other closes. */
  private attempts = 0;

  constructor(
    options: ChatConnectionOptions,
    private readonly events: ChatEvents,
  ) {
    const http: IHttpConnectionOptions = { accessTokenFactory: options.accessTokenFactory };
    if (options.webSocketsOnly) {
      http.skipNegotiation = true;
      http.transport = HttpTransportType.WebSockets;
    }
    const policy = new BackoffRetryPolicy(options.backoff, (attempt, delayMs) => {
      this.attempts = attempt;
      const when = delayMs > 0 ? ` in ${formatSeconds(delayMs)}` : "";
      this.status("reconnecting", `Reconnecting… attempt ${attempt}${when}`);
    });
    this.connection = new HubConnectionBuilder()
      .withUrl(options.hubUrl ?? "/hubs/chat", http)
      .withHubProtocol(createHubProtocol(options.protocol)) // both protocols give the same shapes
      .withAutomaticReconnect(policy)
      .configureLogging(LogLevel.Warning)
      .build();
    this.wire(policy.options.maxAttempts);
  }

  get isConnected(): boolean {
    return this.connection.state === HubConnectionState.Connected;
  }

  /** First connect, and the Reconnect button after retrying gave up. */
  async start(isRetry: boolean): Promise<void> {
    this.stopping = false;
    this.status(isRetry ? "reconnecting" : "disconnected", isRetry ? "Reconnecting…" : "Connecting…");
    try {
      await this.connection.start();
    } catch (error) {
      this.status("disconnected", `Could not connect: ${messageOf(error)}`, true);
      throw error;
    }
    this.attempts = 0;
    this.status("connected", "Connected");
    if (isRetry) this.events.reconnected();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.connection.stop();
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

  private wire(maxAttempts: number): void {
    const c = this.connection;
    const e = this.events;
    c.on("MessageReceived", (m: ChatMessage) => e.messageReceived(m));
    c.on("PrivateMessageReceived", (m: PrivateMessage) => e.privateMessageReceived(m));
    c.on("UserJoined", (room: string, user: UserPresence) => e.userJoined(room, user));
    c.on("UserLeft", (room: string, user: UserPresence) => e.userLeft(room, user));
    c.on("UserTyping", (room: string, user: UserPresence, isTyping: boolean) => e.userTyping(room, user, isTyping));
    c.on("NotificationReceived", (n: Notification) => e.notificationReceived(n));
    c.on("RemovedFromRoom", (room: string) => e.removedFromRoom(room));
    c.onreconnecting(() => this.status("reconnecting", "Reconnecting…"));
    c.onreconnected(() => {
      this.attempts = 0;
      this.status("connected", "Connected");
      e.reconnected();
    });
    c.onclose((error) => {
      if (this.stopping) {
        this.status("disconnected", "Signed out");
        return;
      }
      // The retry policy gave up, or the server closed without allowing a reconnect: say so and offer the button.
      const what = this.attempts >= maxAttempts ? `Gave up after ${maxAttempts} attempts` : "Disconnected";
      this.status("disconnected", error ? `${what}: ${messageOf(error)}` : what, true);
    });
  }

  private status(state: ConnectionStatus["state"], text: string, canReconnect = false): void {
    this.events.statusChanged({ state, text, canReconnect });
  }
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
