import assert from "node:assert/strict";
import { afterEach, test } from "node:test";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { SignalRYjsProvider, type OpenedInfo, type ProviderOptions, type ProviderStatus } from "../src/docs/signalrYjsProvider";
import { FakeDocsServer, hubError, settle, type FakeDocsConnection } from "./fakeDocsServer";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function server(): FakeDocsServer {
  const s = new FakeDocsServer();
  cleanups.push(() => s.dispose());
  return s;
}

interface Client {
  doc: Y.Doc;
  hub: FakeDocsConnection;
  provider: SignalRYjsProvider;
  statuses: ProviderStatus[];
  opens: OpenedInfo[];
  text(): string;
  type(at: number, text: string): void;
}

let ids = 0;

function client(s: FakeDocsServer, userId: string, options: ProviderOptions = {}, connect = true): Client {
  const doc = new Y.Doc();
  const hub = s.connect(userId);
  const provider = new SignalRYjsProvider(s.docId, doc, hub, {
    batchIntervalMs: 0,
    awarenessIntervalMs: 0,
    gapGraceMs: 20,
    retryDelaysMs: [5],
    newId: () => `${userId}-${++ids}`,
    ...options,
  });
  const statuses: ProviderStatus[] = [];
  const opens: OpenedInfo[] = [];
  provider.on("status", (status) => statuses.push(status));
  provider.on("opened", (info) => opens.push(info));
  cleanups.push(() => provider.destroy());
  if (connect) provider.connect();
  const text = doc.getText("t");
  return { doc, hub, provider, statuses, opens, text: () => text.toString(), type: (at, value) => text.insert(at, value) };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const synced = (...clients: Client[]) => until(() => clients.every((c) => c.provider.synced), "every provider is synced");

/** A document's content as an update some earlier writer stored. */
function updateWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

test("the first open names no epoch, applies the snapshot and the updates after it, and sends none of it back", async () => {
  const s = server();
  s.snapshot = { update: updateWith("hello"), upTo: 4 };
  const writer = s.connect("zoe");
  s.connections.add(writer);
  s.push(writer, updateWith(" world"), "z1");
  const alice = client(s, "alice");
  await synced(alice);
  assert.deepEqual(alice.hub.callsOf("OpenDocument"), [["doc", null, 0]]);
  assert.match(alice.text(), /hello/);
  assert.match(alice.text(), / world/);
  assert.equal(alice.provider.lastSequence, 5);
  assert.equal(alice.provider.epoch, "e1");
  assert.deepEqual(alice.hub.callsOf("PushUpdate"), []);
  assert.deepEqual(alice.opens, [{ epoch: "e1", newEpoch: false, snapshot: true, knownSequence: 0, updates: 1 }]);
  assert.deepEqual(alice.statuses.at(-1), { kind: "open", epoch: "e1", canWrite: true });
});

test("two users typing at once converge, and every update is stored once", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  await synced(alice, bob);
  for (let i = 0; i < 40; i++) {
    alice.type(0, "a");
    bob.type(bob.text().length, "b");
    if (i % 7 === 0) await settle();
  }
  await synced(alice, bob);
  await until(() => alice.text() === bob.text(), "both hold the same text");
  assert.equal(alice.text().replace(/b/g, "").length, 40);
  assert.equal(bob.text().replace(/a/g, "").length, 40);
  assert.equal(s.content().getText("t").toString(), alice.text());
  assert.equal(alice.provider.lastSequence, s.log.length);
  assert.equal(bob.provider.lastSequence, s.log.length);
});

test("edits made in one task go as one PushUpdate, and pushes are spaced by the batch interval", async () => {
  const s = server();
  const alice = client(s, "alice", { batchIntervalMs: 40 });
  await synced(alice);
  alice.type(0, "a");
  alice.type(1, "b");
  alice.type(2, "c");
  await until(() => alice.hub.callsOf("PushUpdate").length === 1, "the first push");
  alice.type(3, "d");
  alice.type(4, "e");
  await synced(alice);
  const pushes = alice.hub.calls.filter((c) => c.method === "PushUpdate");
  assert.equal(pushes.length, 2);
  assert.ok(pushes[1].at - pushes[0].at >= 39, "the second push waited for the interval");
  assert.equal(s.content().getText("t").toString(), "abcde");
});

test("an update with the next sequence is applied at once; a missing one is fetched by reopening with (epoch, lastSequence)", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  await synced(alice, bob);
  bob.type(0, "1");
  await synced(bob);
  await until(() => alice.text() === "1", "alice applied sequence 1");
  // Sequence 2 reaches the log but never alice (lost between nodes); sequence 3 arrives.
  const carol = s.connect("carol");
  s.connections.add(carol);
  s.connections.delete(alice.hub);
  s.push(carol, updateWith("2"), "c1");
  s.connections.add(alice.hub);
  s.push(carol, updateWith("3"), "c2");
  await until(() => alice.provider.lastSequence === 3, "alice holds 3");
  assert.deepEqual(alice.hub.callsOf("OpenDocument").at(-1), ["doc", "e1", 1]);
  assert.deepEqual(alice.opens.at(-1), { epoch: "e1", newEpoch: false, snapshot: false, knownSequence: 1, updates: 2 });
  assert.equal(alice.provider.lastSequence, 3);
  assert.equal(alice.text().length, 3);
});

test("a later sequence that arrives first waits for the earlier one without a reopen", async () => {
  const s = server();
  const alice = client(s, "alice", { gapGraceMs: 200 });
  await synced(alice);
  const events = { deliver: [] as (() => void)[] };
  const original = alice.hub.deliver.bind(alice.hub);
  alice.hub.deliver = (event) => events.deliver.push(() => original(event));
  const carol = s.connect("carol");
  s.connections.add(carol);
  s.push(carol, updateWith("x"), "c1");
  s.push(carol, updateWith("y"), "c2");
  alice.hub.deliver = original;
  events.deliver[1]();
  await settle();
  assert.equal(alice.provider.lastSequence, 0);
  events.deliver[0]();
  await until(() => alice.provider.lastSequence === 2, "both applied");
  await settle();
  assert.equal(alice.hub.callsOf("OpenDocument").length, 1);
});

test("a push whose answer was lost is sent again with the same clientUpdateId after the reconnect, and stored once", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  await synced(alice, bob);
  alice.hub.loseAcks = true;
  alice.type(0, "once");
  await until(() => s.log.length === 1, "the server stored it");
  alice.hub.drop();
  alice.provider.connectionLost();
  assert.deepEqual(alice.statuses.at(-1), { kind: "offline" });
  alice.hub.isConnected = true;
  alice.provider.reconnected();
  await synced(alice);
  const pushes = alice.hub.callsOf("PushUpdate");
  assert.equal(pushes.length, 2);
  assert.equal(pushes[0][2], pushes[1][2]);
  assert.equal(s.log.length, 1);
  await until(() => bob.text() === "once", "bob has it");
  assert.equal(alice.text(), "once");
});

test("edits made while offline are kept and pushed on reconnect, and the reopen brings only what was missed", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  alice.type(0, "start ");
  await synced(alice, bob);
  await until(() => bob.text() === "start ", "bob has the start");
  bob.hub.drop();
  bob.provider.connectionLost();
  bob.type(6, "offline-bob ");
  alice.type(0, "online-alice ");
  await synced(alice);
  assert.equal(bob.provider.unsentCount, 1);
  bob.hub.isConnected = true;
  bob.provider.reconnected();
  await synced(alice, bob);
  await until(() => alice.text() === bob.text(), "both converge");
  assert.match(alice.text(), /offline-bob/);
  assert.match(bob.text(), /online-alice/);
  assert.deepEqual(bob.opens.at(-1), { epoch: "e1", newEpoch: false, snapshot: false, knownSequence: 1, updates: 1 });
});

test("in a new epoch the client reopens from the server's whole state and pushes its whole local state into it", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  alice.type(0, "kept by alice ");
  bob.type(0, "kept by bob ");
  await synced(alice, bob);
  await until(() => alice.text() === bob.text(), "both converge");
  s.loseLog("e2");
  const carol = s.connect("carol");
  s.connections.add(carol);
  s.push(carol, updateWith("carol in e2 "), "c1");
  await until(() => alice.provider.epoch === "e2" && bob.provider.epoch === "e2", "both moved to e2");
  await synced(alice, bob);
  assert.deepEqual(alice.hub.callsOf("OpenDocument").at(-1), ["doc", "e1", 2]);
  assert.equal(alice.opens.at(-1)?.newEpoch, true);
  const fresh = s.content().getText("t").toString();
  assert.match(fresh, /kept by alice/);
  assert.match(fresh, /kept by bob/);
  assert.match(fresh, /carol in e2/);
  await until(() => alice.text() === fresh && bob.text() === fresh, "everyone holds the new epoch's content");
});

test("a new epoch found on reconnect also gets the whole local state, offline edits included", async () => {
  const s = server();
  const alice = client(s, "alice");
  alice.type(0, "before ");
  await synced(alice);
  alice.hub.drop();
  alice.provider.connectionLost();
  alice.type(7, "offline");
  s.loseLog("e2");
  alice.hub.isConnected = true;
  alice.provider.reconnected();
  await synced(alice);
  assert.equal(alice.provider.epoch, "e2");
  assert.equal(s.content().getText("t").toString(), "before offline");
  assert.equal(s.log.length, 1);
});

test("SnapshotRequested is answered with the whole state once everything up to the sequence is applied", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  for (let i = 0; i < 5; i++) {
    bob.type(0, `${i}`);
    await synced(bob);
  }
  await synced(alice);
  const answered = new Promise<[number, boolean]>((resolve) => alice.provider.on("snapshot", (upTo, ok) => resolve([upTo, ok])));
  s.requestSnapshot(alice.hub, 5);
  assert.deepEqual(await answered, [5, true]);
  assert.equal(s.log.length, 0);
  assert.equal(s.snapshot?.upTo, 5);
  const carol = client(s, "carol");
  await synced(carol);
  assert.equal(carol.text(), bob.text());
  assert.equal(carol.opens[0].snapshot, true);
});

test("a snapshot request beyond what the client holds waits until it has caught up", async () => {
  const s = server();
  const alice = client(s, "alice");
  await synced(alice);
  s.requestSnapshot(alice.hub, 2);
  await settle();
  assert.deepEqual(alice.hub.callsOf("SubmitSnapshot"), []);
  const bob = client(s, "bob");
  bob.type(0, "a");
  await synced(bob);
  bob.type(1, "b");
  await synced(bob);
  await until(() => alice.hub.callsOf("SubmitSnapshot").length === 1, "alice submitted");
  assert.equal(alice.hub.callsOf("SubmitSnapshot")[0][2], 2);
});

test("RemovedFromDocument stops the provider for good: no pushes, no reopen, nobody else's caret", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  bob.provider.awareness.setLocalStateField("user", { name: "bob" });
  await synced(alice, bob);
  await until(() => alice.provider.awareness.getStates().size === 2, "alice sees bob");
  s.remove(alice.hub);
  await until(() => alice.provider.isStopped, "alice stopped");
  assert.deepEqual(alice.statuses.at(-1), { kind: "stopped", reason: "removed", message: "removed from the document" });
  assert.deepEqual([...alice.provider.awareness.getStates().keys()], [alice.doc.clientID]);
  alice.type(0, "not sent");
  alice.provider.reconnected();
  await settle();
  assert.equal(alice.hub.callsOf("OpenDocument").length, 1);
  assert.deepEqual(alice.hub.callsOf("PushUpdate"), []);
});

test("forbidden document on open stops with the reason and is never retried", async () => {
  const s = server();
  s.forbidden.add("mallory");
  const mallory = client(s, "mallory");
  await until(() => mallory.provider.isStopped, "stopped");
  assert.deepEqual(mallory.statuses.at(-1), { kind: "stopped", reason: "forbidden", message: "forbidden document" });
  mallory.provider.reconnected();
  await settle();
  assert.equal(mallory.hub.callsOf("OpenDocument").length, 1);
});

test("a reader opens and relays awareness but never pushes updates", async () => {
  const s = server();
  s.readers.add("rita");
  const rita = client(s, "rita");
  rita.provider.awareness.setLocalStateField("user", { name: "rita" });
  await synced(rita);
  rita.type(0, "local only");
  await settle();
  await settle();
  assert.deepEqual(rita.statuses.at(-1), { kind: "open", epoch: "e1", canWrite: false });
  assert.deepEqual(rita.hub.callsOf("PushUpdate"), []);
  assert.ok(rita.hub.callsOf("PushAwareness").length >= 1);
});

test("rate limited and unavailable pushes are retried with the same id; an invalid update is dropped with a warning", async () => {
  const s = server();
  const alice = client(s, "alice");
  const warnings: string[] = [];
  alice.provider.on("warning", (message) => warnings.push(message));
  await synced(alice);
  alice.hub.failNext.set("PushUpdate", hubError("rate limited"));
  alice.type(0, "x");
  await synced(alice);
  const pushes = alice.hub.callsOf("PushUpdate");
  assert.equal(pushes.length, 2);
  assert.equal(pushes[0][2], pushes[1][2]);
  assert.ok(alice.statuses.some((st) => st.kind === "retrying" && st.message === "rate limited"));
  alice.hub.failNext.set("PushUpdate", hubError("invalid update: too large"));
  alice.type(1, "y");
  await until(() => warnings.length === 1, "a warning");
  alice.type(2, "z");
  await synced(alice);
  assert.deepEqual(warnings, ["An edit could not be saved: invalid update: too large"]);
  assert.equal(s.log.length, 2);
});

test("not in document reopens and then pushes", async () => {
  const s = server();
  const alice = client(s, "alice");
  await synced(alice);
  s.connections.delete(alice.hub);
  alice.type(0, "x");
  await synced(alice);
  assert.equal(alice.hub.callsOf("OpenDocument").length, 2);
  assert.equal(s.content().getText("t").toString(), "x");
});

test("awareness goes out throttled, comes in from others, and a departed client's caret is removed", async () => {
  const s = server();
  const alice = client(s, "alice", { awarenessIntervalMs: 50 });
  const bob = client(s, "bob");
  await synced(alice, bob);
  for (let i = 0; i < 10; i++) alice.provider.awareness.setLocalStateField("cursor", { at: i });
  await until(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.cursor?.at === 9, "bob sees alice's last cursor");
  assert.ok(alice.hub.callsOf("PushAwareness").length <= 3, "at most one per interval");
  alice.hub.drop();
  await until(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), "alice's caret went with her connection");
});

test("a newcomer gets everyone's awareness on open, and a reopen drops the states the server no longer holds", async () => {
  const s = server();
  const alice = client(s, "alice");
  alice.provider.awareness.setLocalStateField("user", { name: "alice" });
  await synced(alice);
  await settle();
  const bob = client(s, "bob");
  await synced(bob);
  assert.deepEqual(bob.provider.awareness.getStates().get(alice.doc.clientID), { user: { name: "alice" } });
  bob.hub.drop();
  bob.provider.connectionLost();
  await alice.provider.destroy();
  bob.hub.isConnected = true;
  bob.provider.reconnected();
  await synced(bob);
  assert.deepEqual([...bob.provider.awareness.getStates().keys()], [bob.doc.clientID]);
});

test("destroy sends this client's removal and closes the document", async () => {
  const s = server();
  const alice = client(s, "alice");
  const bob = client(s, "bob");
  alice.provider.awareness.setLocalStateField("user", { name: "alice" });
  await synced(alice, bob);
  await until(() => bob.provider.awareness.getStates().has(alice.doc.clientID), "bob sees alice");
  await alice.provider.destroy();
  assert.equal(alice.hub.callsOf("CloseDocument").length, 1);
  await until(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), "alice's caret is gone for bob");
  // The removal itself came from alice: her id with a null state.
  const removal = decoding.createDecoder(alice.hub.callsOf("PushAwareness").at(-1)?.[1] as Uint8Array);
  assert.equal(decoding.readVarUint(removal), 1);
  assert.equal(decoding.readVarUint(removal), alice.doc.clientID);
  decoding.readVarUint(removal);
  assert.equal(decoding.readVarString(removal), "null");
});

test("edits made before the connection is up are pushed at the first open", async () => {
  const s = server();
  const alice = client(s, "alice", {}, false);
  alice.hub.isConnected = false;
  alice.type(0, "early");
  alice.provider.connect();
  assert.deepEqual(alice.statuses.at(-1), { kind: "offline" });
  alice.hub.isConnected = true;
  alice.provider.reconnected();
  await synced(alice);
  assert.equal(s.content().getText("t").toString(), "early");
});
