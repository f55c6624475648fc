import * as Y from "yjs";
import { hubRoutes } from "../api/hubRoutes";
import { TokenProvider } from "../api/tokenProvider";
import type { PageConfig } from "../config";
import type { ConnectionStatus } from "../connection/connectionState";
import { ManagedConnection } from "../connection/managedConnection";
import { SignalRDocsHub } from "./docsHub";
import { SignalRYjsProvider } from "./signalrYjsProvider";

export interface DocsSessionEvents {
  statusChanged(status: ConnectionStatus): void;
}

/**
 * Signs in (a dev token per name, as on the other pages), keeps one connection to the document hub, and one open
 * document on it: the connection's drops and returns are passed to the document's provider.
 */
export class DocsSession {
  private hub: ManagedConnection | undefined;
  private docsHub: SignalRDocsHub | undefined;
  private tokens: TokenProvider | undefined;
  private provider: SignalRYjsProvider | undefined;

  constructor(
    private readonly config: PageConfig,
    private readonly events: DocsSessionEvents,
  ) {}

  /** The signed-in user's id, as the token names it. */
  get userId(): string {
    return this.tokens?.userId ?? "";
  }

  async signIn(userName: string): Promise<void> {
    const tokens = new TokenProvider(userName);
    await tokens.getToken();
    this.tokens = tokens;
    const hub = new ManagedConnection(
      hubRoutes.docs,
      { accessTokenFactory: () => tokens.getToken(), ...this.config },
      {
        statusChanged: (status) => {
          if (status.state !== "connected") this.provider?.connectionLost();
          this.events.statusChanged(status);
        },
        // A new connection is in no document: reopen with what is held, so only what was missed comes back.
        reconnected: () => this.provider?.reconnected(),
      },
    );
    this.hub = hub;
    this.docsHub = new SignalRDocsHub(hub.connection, this.config.protocol);
    await hub.start(false);
  }

  /** The Reconnect button: a fresh attempt after the retry policy gave up. */
  reconnect(): Promise<void> {
    return this.hub?.start(true) ?? Promise.resolve();
  }

  /** Opens a document in place of the current one (which is closed); the caller binds an editor to it and connects it. */
  open(docId: string): SignalRYjsProvider {
    if (!this.docsHub) throw new Error("Not signed in.");
    void this.close();
    this.provider = new SignalRYjsProvider(docId, new Y.Doc(), this.docsHub);
    return this.provider;
  }

  /** Leaves the open document: the others see this caret go at once. */
  close(): Promise<void> {
    const provider = this.provider;
    this.provider = undefined;
    return provider?.destroy() ?? Promise.resolve();
  }
}
