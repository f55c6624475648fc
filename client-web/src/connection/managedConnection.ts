import {
  HttpTransportType,
  HubConnection,
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type IHttpConnectionOptions,
} from "@microsoft/signalr";
import { BackoffRetryPolicy, type BackoffOptions } from "./backoffRetryPolicy";
import type { ConnectionStatus } from "./connectionState";
import { messageOf } from "./hubErrors";
import { createHubProtocol, type HubProtocolName } from "./hubProtocol";

/** `auto` negotiates and tries WebSockets, then Server-Sent Events, then long polling; the others pin one transport. */
export type TransportName = "auto" | "websockets" | "serversentevents" | "longpolling";

/** What every page passes to reach a hub: its token source and the page's switches (src/config.ts). */
export interface HubConnectionOptions {
  accessTokenFactory: () => Promise<string>;
  /** `websockets` also skips the negotiate request (for load balancers without sticky sessions). */
  transport: TransportName;
  /** MessagePack: binary frames; under `auto` it falls back to long polling where WebSockets are blocked (SSE carries text only). */
  protocol: HubProtocolName;
  backoff: Partial<BackoffOptions>;
}

/** The connection's own events, which every page shows the same way. */
export interface ConnectionEvents {
  statusChanged(status: ConnectionStatus): void;
  /** A new connection is up after a drop (automatic or by the Reconnect button): rejoin, watch again. */
  reconnected(): void;
}

/**
 * A SignalR connection to one hub with the pages' shared behaviour: the token per attempt, the transport and protocol
 * switches, the backoff retry policy, and a status line that says what is happening (and when retrying gave up).
 * Pages add their hub's methods and events on {@link connection}.
 */
export class ManagedConnection {
  readonly connection: HubConnection;
  private stopping = false;
  /** Retries scheduled since the connection was last up; tells "gave up" apart from other closes. */
  private attempts = 0;

  constructor(
    hubPath: string,
    options: HubConnectionOptions,
    private readonly events: ConnectionEvents,
  ) {
    const policy = new BackoffRetryPolicy(options.backoff, (attempt, delayMs) => {
      this.attempts = attempt;
      const when = delayMs > 0 ? ` in ${formatSeconds(delayMs)}` : "";
      this.status("reconnecting", `Reconnecting… attempt ${attempt}${when}`);
    });
    this.connection = new HubConnectionBuilder()
      .withUrl(hubPath, httpOptions(options))
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

  private wire(maxAttempts: number): void {
    const c = this.connection;
    c.onreconnecting(() => this.status("reconnecting", "Reconnecting…"));
    c.onreconnected(() => {
      this.attempts = 0;
      this.status("connected", "Connected");
      this.events.reconnected();
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

function httpOptions(options: HubConnectionOptions): IHttpConnectionOptions {
  const http: IHttpConnectionOptions = { accessTokenFactory: options.accessTokenFactory };
  if (options.transport === "websockets") {
    http.skipNegotiation = true;
    http.transport = HttpTransportType.WebSockets;
  } else if (options.transport === "serversentevents") {
    http.transport = HttpTransportType.ServerSentEvents;
  } else if (options.transport === "longpolling") {
    http.transport = HttpTransportType.LongPolling;
  }
  return http;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
