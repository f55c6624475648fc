import { hubRoutes } from "../api/hubRoutes";
import type { WatchRequest } from "../api/liveContracts";
import { TokenProvider } from "../api/tokenProvider";
import type { PageConfig } from "../config";
import type { ConnectionStatus } from "../connection/connectionState";
import { ManagedConnection } from "../connection/managedConnection";
import { FeedWatch, type FeedWatchEvents } from "./feedWatch";

export interface DashboardEvents extends FeedWatchEvents {
  statusChanged(status: ConnectionStatus): void;
}

/** Signs in (a dev token per name, as the chat page), connects to the live hub and keeps one watch going on it. */
export class DashboardSession {
  private hub: ManagedConnection | undefined;
  private feedWatch: FeedWatch | undefined;

  constructor(
    private readonly config: PageConfig,
    private readonly events: DashboardEvents,
  ) {}

  async signIn(userName: string): Promise<void> {
    const tokens = new TokenProvider(userName);
    await tokens.getToken();
    const hub = new ManagedConnection(
      hubRoutes.live,
      { accessTokenFactory: () => tokens.getToken(), ...this.config },
      {
        statusChanged: (status) => this.events.statusChanged(status),
        // A watch does not survive its connection: watch again, which starts with a fresh snapshot.
        reconnected: () => this.feedWatch?.reconnected(),
      },
    );
    this.hub = hub;
    this.feedWatch = new FeedWatch(hub, this.events);
    await hub.start(false);
  }

  /** The Reconnect button: a fresh attempt after the retry policy gave up. */
  reconnect(): Promise<void> {
    return this.hub?.start(true) ?? Promise.resolve();
  }

  /** Starts this watch in place of the current one. */
  watch(request: WatchRequest): void {
    if (!this.feedWatch) throw new Error("Not signed in.");
    this.feedWatch.watch(request);
  }
}
