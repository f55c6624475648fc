import type { TokenResponse } from "./contracts";

/** Fetches dev tokens from POST /auth/token and hands out a cached one until it is about to expire. */
export class TokenProvider {
  private current: { token: string; expiresAt: number } | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly userName: string,
    private readonly fetchToken: (userName: string) => Promise<TokenResponse> = requestToken,
    /** A token this close to expiry is replaced before it is used. */
    private readonly refreshMarginMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user id of the last token, once one was fetched. */
  userId: string | undefined;

  /** Used as SignalR's accessTokenFactory: called on every connect and reconnect. */
  getToken(): Promise<string> {
    if (this.current && this.current.expiresAt - this.now() > this.refreshMarginMs) {
      return Promise.resolve(this.current.token);
    }
    // Concurrent callers share one request.
    this.inFlight ??= this.refresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async refresh(): Promise<string> {
    const response = await this.fetchToken(this.userName);
    this.current = { token: response.accessToken, expiresAt: Date.parse(response.expiresAt) };
    this.userId = response.userId;
    return response.accessToken;
  }
}

/** POST /auth/token; throws an Error with the server's problem detail when it refuses. */
export async function requestToken(userName: string): Promise<TokenResponse> {
  const response = await fetch("/auth/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userName }),
  });
  if (!response.ok) {
    throw new Error(await describeFailure(response));
  }
  return (await response.json()) as TokenResponse;
}

async function describeFailure(response: Response): Promise<string> {
  if (response.status === 404) {
    return "Sign-in with a plain name is disabled on this server (Auth:DevTokens is off).";
  }
  try {
    const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    const firstError = problem.errors ? Object.values(problem.errors).flat()[0] : undefined;
    return problem.detail ?? firstError ?? problem.title ?? `Sign-in failed (${response.status}).`;
  } catch {
    return `Sign-in failed (${response.status}).`;
  }
}
