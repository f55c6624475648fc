import assert from "node:assert/strict";
import { test } from "node:test";
import type { RetryContext } from "@microsoft/signalr";
import { BackoffRetryPolicy } from "../src/connection/backoffRetryPolicy";

const context = (previousRetryCount: number): RetryContext => ({
  previousRetryCount,
  elapsedMilliseconds: 0,
  retryReason: new Error("gone"),
});

test("the first retry is immediate and later ones double up to the cap", () => {
  const policy = new BackoffRetryPolicy({ baseDelayMs: 1000, multiplier: 2, maxDelayMs: 5000, jitter: 0 });
  const delays = [0, 1, 2, 3, 4, 5].map((n) => policy.nextRetryDelayInMilliseconds(context(n)));
  assert.deepEqual(delays, [0, 1000, 2000, 4000, 5000, 5000]);
});

test("jitter moves each delay by at most its fraction and never past the cap", () => {
  const low = new BackoffRetryPolicy({ baseDelayMs: 1000, jitter: 0.2, maxDelayMs: 10_000 }, undefined, () => 0);
  const high = new BackoffRetryPolicy({ baseDelayMs: 1000, jitter: 0.2, maxDelayMs: 10_000 }, undefined, () => 0.999999);
  assert.equal(low.delayFor(2), 1600);
  assert.equal(high.delayFor(2), 2400);
  assert.equal(high.delayFor(20), 10_000);
});

test("after the last attempt the policy gives up so the page can offer a Reconnect button", () => {
  const policy = new BackoffRetryPolicy({ maxAttempts: 3 });
  assert.notEqual(policy.nextRetryDelayInMilliseconds(context(2)), null);
  assert.equal(policy.nextRetryDelayInMilliseconds(context(3)), null);
});

test("every scheduled retry is reported with its attempt number and delay", () => {
  const seen: [number, number][] = [];
  const policy = new BackoffRetryPolicy({ baseDelayMs: 500, jitter: 0 }, (attempt, delay) => seen.push([attempt, delay]));
  policy.nextRetryDelayInMilliseconds(context(0));
  policy.nextRetryDelayInMilliseconds(context(1));
  assert.deepEqual(seen, [
    [1, 0],
    [2, 500],
  ]);
});
