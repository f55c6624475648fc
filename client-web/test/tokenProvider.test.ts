import assert from "node:assert/strict";
import { test } from "node:test";
import type { TokenResponse } from "../src/api/contracts";
import { TokenProvider } from "../src/api/tokenProvider";

function fakeServer(lifetimeMs: number, now: () => number) {
  const calls: string[] = [];
  const fetchToken = async (userName: string): Promise<TokenResponse> => {
    calls.push(userName);
    return { accessToken: `token-${calls.length}`, expiresAt: new Date(now() + lifetimeMs).toISOString(), userId: userName };
  };
  return { calls, fetchToken };
}

test("a token is reused while it has more than a minute left", async () => {
  let now = Date.parse("2026-01-01T00:00:00Z");
  const server = fakeServer(3_600_000, () => now);
  const tokens = new TokenProvider("alice", server.fetchToken, 60_000, () => now);
  assert.equal(await tokens.getToken(), "token-1");
  now += 3_600_000 - 61_000;
  assert.equal(await tokens.getToken(), "token-1");
  assert.equal(server.calls.length, 1);
  assert.equal(tokens.userId, "alice");
});

test("a token within a minute of expiry is replaced by a fresh one", async () => {
  let now = Date.parse("2026-01-01T00:00:00Z");
  const server = fakeServer(3_600_000, () => now);
  const tokens = new TokenProvider("alice", server.fetchToken, 60_000, () => now);
  await tokens.getToken();
  now += 3_600_000 - 59_000;
  assert.equal(await tokens.getToken(), "token-2");
});

test("concurrent callers share one token request", async () => {
  const server = fakeServer(3_600_000, Date.now);
  const tokens = new TokenProvider("bob", server.fetchToken);
  const results = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.getToken()]);
  assert.deepEqual(results, ["token-1", "token-1", "token-1"]);
  assert.equal(server.calls.length, 1);
});
