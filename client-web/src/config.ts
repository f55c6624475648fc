import type { BackoffOptions } from "./connection/backoffRetryPolicy";
import type { HubProtocolName } from "./connection/hubProtocol";

/** Switches read at build time (VITE_* environment variables) or from the page's query string. */
export interface PageConfig {
  /** skipNegotiation + WebSockets only. Build: VITE_WEBSOCKETS_ONLY=true; page: ?transport=websockets. */
  webSocketsOnly: boolean;
  /** The hub protocol, JSON unless asked. Build: VITE_PROTOCOL=messagepack; page: ?protocol=messagepack. */
  protocol: HubProtocolName;
  /** Overrides of the reconnect policy: ?retryBaseMs=, ?retryMaxMs=, ?retryMaxAttempts= (tests use short ones). */
  backoff: Partial<BackoffOptions>;
}

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
  return {
    webSocketsOnly: import.meta.env.VITE_WEBSOCKETS_ONLY === "true" || query.get("transport") === "websockets",
    protocol: (query.get("protocol") ?? import.meta.env.VITE_PROTOCOL) === "messagepack" ? "messagepack" : "json",
    backoff,
  };
}
