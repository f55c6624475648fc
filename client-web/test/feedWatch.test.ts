import assert from "node:assert/strict";
import { test } from "node:test";
import type { IStreamResult, IStreamSubscriber, ISubscription } from "@microsoft/signalr";
import type { FeedBatch, WatchRequest } from "../src/api/liveContracts";
import { FeedWatch, type WatchHub, type WatchState } from "../src/dashboard/feedWatch";

/** A hub whose streams the test drives: each Watch call is recorded with its subscriber. */
class FakeHub implements WatchHub {
  isConnected = true;
  readonly calls: { args: unknown[]; subscriber: IStreamSubscriber<FeedBatch>; disposed: boolean }[] = [];
  readonly connection = {
    stream: <T>(_method: string, ...args: unknown[]): IStreamResult<T> => ({
      subscribe: (subscriber: IStreamSubscriber<T>): ISubscription<T> => {
        const call = { args, subscriber: subscriber as unknown as IStreamSubscriber<FeedBatch>, disposed: false };
        this.calls.push(call);
        return { dispose: () => (call.disposed = true) };
      },
    }),
  };

  get last() {
    return this.calls[this.calls.length - 1];
  }
}

function setUp() {
  const hub = new FakeHub();
  const batches: FeedBatch[] = [];
  const states: WatchState[] = [];
  const watch = new FeedWatch(hub, { batch: (b) => batches.push(b), stateChanged: (s) => states.push(s) }, [0]);
  return { hub, batches, states, watch, kinds: () => states.map((s) => s.kind) };
}

const request: WatchRequest = { feed: "quotes", keys: ["ACME"], maxPerSecond: 2 };
const snapshot: FeedBatch = { feed: "quotes", snapshot: true, updates: [] };
const hubError = (message: string) => new Error(`An error occurred on the server while streaming results. HubException: ${message}`);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test("a watch calls Watch with the feed, the keys and the rate, and passes its batches on", () => {
  const { hub, batches, watch, kinds } = setUp();
  watch.watch(request);
  assert.deepEqual(hub.last.args, ["quotes", ["ACME"], 2]);
  hub.last.subscriber.next(snapshot);
  assert.deepEqual(batches, [snapshot]);
  assert.deepEqual(kinds(), ["starting", "watching"]);
});

test("a new watch cancels the old stream, whose late items are ignored", () => {
  const { hub, batches, watch } = setUp();
  watch.watch(request);
  const old = hub.last;
  watch.watch({ feed: "scores", keys: null, maxPerSecond: null });
  assert.equal(old.disposed, true);
  old.subscriber.next(snapshot);
  old.subscriber.error(new Error("gone"));
  assert.deepEqual(batches, []);
  assert.equal(hub.calls.length, 2);
  assert.deepEqual(hub.last.args, ["scores", null, null]);
});

test("after a reconnect the page watches again", () => {
  const { hub, watch } = setUp();
  watch.watch(request);
  hub.isConnected = false;
  hub.last.subscriber.error(new Error("Invocation canceled due to the underlying connection being closed."));
  hub.isConnected = true;
  watch.reconnected();
  assert.equal(hub.calls.length, 2);
  assert.deepEqual(hub.last.args, hub.calls[0].args);
});

test("a stream that ends with unavailable is watched again after a delay", async () => {
  const { hub, watch, states } = setUp();
  watch.watch(request);
  hub.last.subscriber.error(hubError("unavailable"));
  assert.equal(states.at(-1)?.kind, "retrying");
  await tick();
  assert.equal(hub.calls.length, 2);
});

test("a retry while the connection is down waits for the reconnect instead", async () => {
  const { hub, watch, states } = setUp();
  watch.watch(request);
  hub.last.subscriber.error(new Error("Invocation canceled due to the underlying connection being closed."));
  hub.isConnected = false;
  await tick();
  assert.equal(hub.calls.length, 1);
  assert.deepEqual(states.at(-1), { kind: "retrying", request, message: "Waiting for the connection…" });
});

test("forbidden feed stops the watch for good: no retry, and no watch again after a reconnect", async () => {
  const { hub, watch, states } = setUp();
  watch.watch(request);
  hub.last.subscriber.error(hubError("forbidden feed"));
  await tick();
  watch.reconnected();
  assert.equal(hub.calls.length, 1);
  assert.equal(states.at(-1)?.kind, "stopped");
  // The form can start another.
  watch.watch(request);
  assert.equal(hub.calls.length, 2);
});
