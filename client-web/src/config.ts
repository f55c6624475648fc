import type { BackoffOptions } from "./connection/backoffRetryPolicy";
import type { HubProtocolName } from "./connection/hubProtocol";
import type { TransportName } from "./connection/managedConnection";

/** Switches read at build time (VITE_* environment variables) or from the page's query string; the same on every page. */
export interface PageConfig {
  /**
   * How to reach the hub. Page: ?transport=websockets (skips negotiate: for load balancers without sticky sessions),
   * ?transport=serversentevents or ?transport=longpolling (where WebSockets are blocked); unset: negotiate, WebSockets first.
   * Build: VITE_WEBSOCKETS_ONLY=true is ?transport=websockets.
   */
  transport: TransportName;
  /** The hub protocol, JSON unless asked. Build: VITE_PROTOCOL=messagepack; page: ?protocol=messagepack. */
  protocol: HubProtocolName;
  /** Overrides of the reconnect policy: ?retryBaseMs=, ?retryMaxMs=, ?retryMaxAttempts= (tests use short ones). */
  backoff: Partial<BackoffOptions>;
}

const transports: readonly TransportName[] = ["websockets", "serversentevents", "longpolling"];

export function readConfig(search: string = location.search): PageConfig {
  const query = new URLSearchParams(search);
  const backoff: Partial<BackoffOptions> = {};
  const number = (name: string): number | undefined => {
    const value = Number(query.get(name) ?? Number.NaN);
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const base = number("retryBaseMs");
  const max = number("retryMaxMs");
  const attempts = number("retryMaxAttempts");
  if (base !== undefined) backoff.baseDelayMs = base;
  if (max !== undefined) backoff.maxDelayMs = max;
  if (attempts !== undefined) backoff.maxAttempts = attempts;
  const asked = query.get("transport")?.toLowerCase();
  const transport = transports.find((t) => t === asked) ?? (import.meta.env.VITE_WEBSOCKETS_ONLY === "true" ? "websockets" : "auto");
  return {
    transport,
    protocol: (query.get("protocol") ?? import.meta.env.VITE_PROTOCOL) === "messagepack" ? "messagepack" : "json",
    backoff,
  };
}
