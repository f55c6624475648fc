/** The three values of #status[data-state] (CONTRACT §7). */
export type ConnectionState = "connected" | "reconnecting" | "disconnected";

/** What the status line says beside the state. */
export interface ConnectionStatus {
  state: ConnectionState;
  text: string;
  /** True when retrying has stopped and only the user can start it again. */
  canReconnect: boolean;
}
