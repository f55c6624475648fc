import assert from "node:assert/strict";
import { test } from "node:test";
import { HubConnectionState, type HubConnection } from "@microsoft/signalr";
import * as Y from "yjs";
import type { WireDocumentState } from "../src/api/docsContracts";
import { SignalRDocsHub, stateOf } from "../src/docs/docsHub";
import { documentFailureOf } from "../src/docs/documentErrors";
import { SequenceTracker } from "../src/docs/sequenceTracker";
import { UpdateOutbox } from "../src/docs/updateOutbox";

const bytes = new Uint8Array([1, 2, 250, 0, 7]);
const base64 = Buffer.from(bytes).toString("base64");

/** A HubConnection that records invocations and answers them with answer. */
function connection(answer: unknown = null) {
  const invoked: unknown[][] = [];
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const fake = {
    state: HubConnectionState.Connected,
    invoke: (...args: unknown[]) => {
      invoked.push(args);
      return Promise.resolve(answer);
    },
    on: (method: string, handler: (...args: unknown[]) => void) => handlers.set(method, handler),
    off: (method: string) => handlers.delete(method),
  };
  return { invoked, handlers, hub: fake as unknown as HubConnection };
}

test("over JSON bytes go out as base64 and come in from base64; over MessagePack they stay bytes", async () => {
  const json = connection({ epoch: "e", sequence: 3 });
  assert.deepEqual(await new SignalRDocsHub(json.hub, "json").pushUpdate("d", bytes, "id-1"), { epoch: "e", sequence: 3 });
  assert.deepEqual(json.invoked[0], ["PushUpdate", "d", base64, "id-1"]);
  const msgpack = connection();
  await new SignalRDocsHub(msgpack.hub, "messagepack").pushAwareness("d", bytes);
  await new SignalRDocsHub(msgpack.hub, "messagepack").submitSnapshot("d", bytes, 9);
  assert.deepEqual(msgpack.invoked, [
    ["PushAwareness", "d", bytes],
    ["SubmitSnapshot", "d", bytes, 9],
  ]);
});

test("a DocumentState's bytes are Uint8Array whichever protocol brought them, nulls kept", () => {
  const wire = (b: string | Uint8Array): WireDocumentState => ({
    docId: "d",
    epoch: "e",
    snapshot: b,
    snapshotSequence: 2,
    updates: [{ docId: "d", epoch: "e", sequence: 3, update: b, userId: "u" }],
    lastSequence: 3,
    canWrite: true,
    awareness: null,
  });
  for (const state of [stateOf(wire(base64)), stateOf(wire(bytes))]) {
    assert.deepEqual(state.snapshot, bytes);
    assert.deepEqual(state.updates[0].update, bytes);
    assert.equal(state.awareness, null);
  }
});

test("events are passed on normalised and every handler goes on unsubscribe", () => {
  const { hub, handlers } = connection();
  const seen: unknown[] = [];
  const unsubscribe = new SignalRDocsHub(hub, "json").subscribe({
    documentUpdated: (docId, update) => seen.push([docId, update.sequence, update.update]),
    awarenessChanged: (docId, update) => seen.push([docId, update]),
    snapshotRequested: (docId, upTo) => seen.push([docId, upTo]),
    removedFromDocument: (docId) => seen.push([docId]),
  });
  handlers.get("DocumentUpdated")?.("d", { docId: "d", epoch: "e", sequence: 4, update: base64, userId: "u" });
  handlers.get("AwarenessChanged")?.("d", base64);
  handlers.get("SnapshotRequested")?.("d", 500);
  handlers.get("RemovedFromDocument")?.("d");
  assert.deepEqual(seen, [["d", 4, bytes], ["d", bytes], ["d", 500], ["d"]]);
  unsubscribe();
  assert.equal(handlers.size, 0);
});

test("the sequence tracker holds what is contiguous, notices gaps and fills them from either side", () => {
  const tracker = new SequenceTracker();
  tracker.reset("e", 4);
  assert.equal(tracker.add(3), false);
  assert.equal(tracker.add(6), true);
  assert.equal(tracker.contiguous, 4);
  assert.equal(tracker.hasGap, true);
  assert.equal(tracker.add(5), true);
  assert.equal(tracker.contiguous, 6);
  assert.equal(tracker.hasGap, false);
  tracker.knowLatest(8);
  assert.equal(tracker.hasGap, true);
  tracker.reset("f", 0);
  assert.equal(tracker.epoch, "f");
  assert.equal(tracker.hasGap, false);
});

test("the outbox merges pending updates into one batch, repeats it until settled, and splits at the size limit", () => {
  let ids = 0;
  const outbox = new UpdateOutbox(() => `b${++ids}`, 64);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  doc.getText("t").insert(0, "a");
  doc.getText("t").insert(1, "b");
  updates.forEach((u) => outbox.add(u));
  const first = outbox.next()!;
  assert.equal(first.id, "b1");
  assert.equal(outbox.next(), first);
  const merged = new Y.Doc();
  Y.applyUpdate(merged, first.update);
  assert.equal(merged.getText("t").toString(), "ab");
  outbox.settled(first);
  assert.equal(outbox.next(), undefined);
  outbox.add(new Uint8Array(40));
  outbox.add(new Uint8Array(40));
  assert.equal(outbox.next()!.update.length, 40);
  assert.equal(outbox.size, 2);
  outbox.replaceAll(new Uint8Array([0, 0]));
  assert.equal(outbox.size, 1);
  assert.equal(outbox.next()!.id, "b3");
});

test("failures are sorted by the contract's prefixes, worded by the hub or wrapped by SignalR", () => {
  const wrapped = (message: string) => new Error(`An unexpected error occurred invoking 'PushUpdate' on the server. HubException: ${message}`);
  for (const wording of [(m: string) => new Error(m), wrapped]) {
    assert.deepEqual(documentFailureOf(wording("forbidden document"), true), { kind: "stop", reason: "forbidden", message: "forbidden document" });
    assert.deepEqual(documentFailureOf(wording("invalid document: gone"), true), { kind: "stop", reason: "invalid", message: "invalid document: gone" });
    assert.deepEqual(documentFailureOf(wording("not in document"), true), { kind: "reopen", message: "not in document" });
    assert.deepEqual(documentFailureOf(wording("invalid update: bad"), true), { kind: "dropUpdate", message: "invalid update: bad" });
    assert.deepEqual(documentFailureOf(wording("rate limited"), true), { kind: "retry", message: "rate limited" });
    assert.deepEqual(documentFailureOf(wording("unavailable"), true), { kind: "retry", message: "unavailable" });
  }
  const closed = new Error("Invocation canceled due to the underlying connection being closed.");
  assert.deepEqual(documentFailureOf(closed, false), { kind: "connection" });
  assert.deepEqual(documentFailureOf(new Error("An unexpected error occurred invoking 'PushUpdate' on the server."), true), {
    kind: "retry",
    message: "the server could not answer",
  });
});
