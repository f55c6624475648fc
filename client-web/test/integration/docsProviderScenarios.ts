// Scenarios of SignalRYjsProvider against a real RealtimeHub node, in Node with the official SignalR client.
// Run by Hub.Tests/Documents/ProviderConvergenceTests.cs (which starts the node and, when asked, breaks links or
// restarts it):
//   npm run build:test, then node .test-out/test/integration/docsProviderScenarios.js <scenario> <nodeUrl> <proxyUrl> <docId> [json|messagepack]
// A line "@<fault>" on stdout asks the test for a fault; it answers "ok" on stdin once done. The last line is
// "@result <json>"; exit code 0 when every check held, 1 with the reason on stderr otherwise.
import assert from "node:assert/strict";
import { createInterface } from "node:readline";
import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import * as Y from "yjs";
import { hubRoutes } from "../../src/api/hubRoutes";
import { BackoffRetryPolicy } from "../../src/connection/backoffRetryPolicy";
import { createHubProtocol } from "../../src/connection/hubProtocol";
import { SignalRDocsHub } from "../../src/docs/docsHub";
import { SignalRYjsProvider, type OpenedInfo, type ProviderStatus } from "../../src/docs/signalrYjsProvider";

const [scenario, nodeUrl, proxyUrl, docId, protocol = "json"] = process.argv.slice(2);
const timeoutMs = 20_000;
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

/** One editor: its own connection (directly or through the test's fault proxy), Y.Doc and provider. */
class Editor {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText("t");
  readonly pushedIds: string[] = [];
  readonly opens: OpenedInfo[] = [];
  readonly snapshots: { upTo: number; accepted: boolean }[] = [];
  status: ProviderStatus = { kind: "opening" };
  provider!: SignalRYjsProvider;
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => {};

  private constructor(
    readonly name: string,
    readonly connection: HubConnection,
  ) {}

  static async open(name: string, viaProxy = false): Promise<Editor> {
    const base = viaProxy ? proxyUrl : nodeUrl;
    let editor: Editor | undefined;
    const token = await fetchToken(name);
    const builder = new HubConnectionBuilder()
      .withUrl(new URL(hubRoutes.docs, base).toString(), {
        // A closed gate keeps this editor offline: its reconnect waits here for the token.
        accessTokenFactory: async () => {
          await editor?.gate;
          return token;
        },
      })
      // The pages' own retry policy, shortened as the browser tests shorten it (?retryBaseMs=…).
      .withAutomaticReconnect(new BackoffRetryPolicy({ baseDelayMs: 100, maxDelayMs: 500, maxAttempts: 120 }))
      .configureLogging(LogLevel.None);
    const connection = builder.withHubProtocol(createHubProtocol(protocol === "messagepack" ? "messagepack" : "json")).build();
    editor = new Editor(name, connection);
    await connection.start();
    editor.attach();
    await editor.until(() => editor.provider.synced, "opened");
    return editor;
  }

  type(text: string, at = this.text.length): void {
    this.text.insert(Math.min(at, this.text.length), text);
  }

  closeGate(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  reopenGate(): void {
    this.openGate();
  }

  async until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out waiting until ${what} (status ${JSON.stringify(this.status)})`);
      await delay(5);
    }
  }

  async close(): Promise<void> {
    await this.provider.destroy();
    await this.connection.stop();
  }

  private attach(): void {
    const hub = new SignalRDocsHub(this.connection, protocol === "messagepack" ? "messagepack" : "json");
    const push = hub.pushUpdate.bind(hub);
    hub.pushUpdate = (id, update, clientUpdateId) => {
      this.pushedIds.push(clientUpdateId);
      return push(id, update, clientUpdateId);
    };
    this.provider = new SignalRYjsProvider(docId, this.doc, hub);
    this.provider.on("status", (status) => (this.status = status));
    this.provider.on("opened", (info) => this.opens.push(info));
    this.provider.on("snapshot", (upTo, accepted) => this.snapshots.push({ upTo, accepted }));
    this.connection.onreconnecting(() => this.provider.connectionLost());
    this.connection.onreconnected(() => this.provider.reconnected());
    this.provider.connect();
  }
}

async function fetchToken(userName: string): Promise<string> {
  const response = await fetch(new URL("/auth/token", nodeUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userName }),
  });
  assert.equal(response.status, 200, `POST /auth/token for ${userName}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Asks the test for a fault and waits until it is done. */
async function ask(fault: string): Promise<void> {
  console.log(`@${fault}`);
  const answer = await lines.next();
  assert.equal(answer.value, "ok", `the test's answer to @${fault}`);
}

async function converged(...editors: Editor[]): Promise<string> {
  const [first] = editors;
  await first.until(
    () => editors.every((e) => e.provider.synced && e.text.toString() === first.text.toString()),
    "every editor is synced and holds the same text",
  );
  return first.text.toString();
}

/** Distinct clientUpdateIds pushed: each is one stored update, however often it was sent. */
const distinct = (...editors: Editor[]) => new Set(editors.flatMap((e) => e.pushedIds)).size;

/** Types count characters, one keystroke at a time, at random places, yielding now and then as a user would. */
async function typeConcurrently(editors: Editor[], count: number): Promise<void> {
  await Promise.all(
    editors.map(async (editor, index) => {
      for (let i = 0; i < count; i++) {
        editor.type(String.fromCharCode(97 + index), Math.floor(Math.random() * (editor.text.length + 1)));
        if (i % 3 === 0) await delay(Math.random() * 8);
      }
    }),
  );
}

const scenarios: Record<string, () => Promise<unknown>> = {
  /** Two editors type at once; both converge, and a newcomer opening afterwards gets the same text. */
  async converge() {
    const [alice, bob] = await Promise.all([Editor.open("alice"), Editor.open("bob")]);
    await typeConcurrently([alice, bob], 150);
    const text = await converged(alice, bob);
    assert.equal(text.length, 300);
    assert.equal([...text].filter((c) => c === "a").length, 150);
    const carol = await Editor.open("carol");
    assert.equal(carol.text.toString(), text);
    assert.equal(carol.provider.lastSequence, distinct(alice, bob), "every pushed batch was stored once");
    const result = { length: text.length, keystrokes: 300, pushes: distinct(alice, bob), lastSequence: carol.provider.lastSequence };
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    return result;
  },

  /** Bob's link is cut and he stays away while both type; back, he reopens with (epoch, lastSequence) and both converge. */
  async offline() {
    const [alice, bob] = await Promise.all([Editor.open("alice"), Editor.open("bob", true)]);
    alice.type("start. ");
    await converged(alice, bob);
    const heldBefore = bob.provider.lastSequence;
    bob.closeGate();
    await ask("cut");
    await bob.until(() => bob.status.kind === "offline", "bob is offline");
    bob.type("offline-bob. ");
    for (const word of ["online ", "alice ", "typed. "]) {
      alice.type(word);
      await alice.until(() => alice.provider.synced, "alice's word is stored");
    }
    assert.equal(bob.provider.unsentCount, 1, "bob's offline edit waits");
    bob.reopenGate();
    const text = await converged(alice, bob);
    assert.match(text, /offline-bob\./);
    assert.match(text, /online alice typed\./);
    const reopen = bob.opens.at(-1)!;
    assert.deepEqual(reopen, { epoch: bob.opens[0].epoch, newEpoch: false, snapshot: false, knownSequence: heldBefore, updates: 3 });
    const carol = await Editor.open("carol");
    assert.equal(carol.text.toString(), text);
    assert.equal(carol.provider.lastSequence, distinct(alice, bob));
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    return { reopen, lastSequence: carol.provider.lastSequence };
  },

  /** Bob's push is stored but its answer lost with the link: he sends the same clientUpdateId again and it is stored once. */
  async lostAck() {
    const [alice, bob] = await Promise.all([Editor.open("alice"), Editor.open("bob", true)]);
    await ask("stall-to-client");
    bob.type("once");
    await alice.until(() => alice.text.toString() === "once", "alice got bob's update, so the server stored it");
    assert.equal(bob.provider.unsentCount, 1, "bob has no answer yet");
    await ask("cut-and-resume");
    const text = await converged(alice, bob);
    assert.equal(text, "once");
    assert.equal(bob.pushedIds.length, 2, "bob sent his batch twice");
    assert.equal(bob.pushedIds[0], bob.pushedIds[1], "with the same clientUpdateId");
    const carol = await Editor.open("carol");
    assert.equal(carol.provider.lastSequence, 1, "and the server stored it once");
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    return { pushedIds: bob.pushedIds };
  },

  /**
   * The node (Docs:CompactAfter=10) asks the writer whose push crossed the limit for a snapshot; the provider sends its
   * whole state, the server takes it, a newcomer then gets the snapshot and the tail, and a reconnect only the tail.
   */
  async compaction() {
    const [alice, bob] = await Promise.all([Editor.open("alice", true), Editor.open("bob")]);
    for (let i = 1; i <= 14; i++) {
      alice.type(`word${i} `);
      await alice.until(() => alice.provider.synced, `word ${i} is stored`);
    }
    await alice.until(() => alice.snapshots.some((s) => s.accepted), "the server took alice's snapshot");
    const [snapshot] = alice.snapshots;
    assert.ok(snapshot.upTo >= 10 && snapshot.upTo <= 14, `a snapshot up to ${snapshot.upTo}`);
    const carol = await Editor.open("carol");
    assert.equal(carol.text.toString(), alice.text.toString());
    assert.deepEqual(carol.opens[0], { epoch: alice.provider.epoch, newEpoch: false, snapshot: true, knownSequence: 0, updates: 14 - snapshot.upTo });
    await ask("cut");
    await alice.until(() => alice.opens.length === 2 && alice.provider.synced, "alice reopened after the cut");
    assert.deepEqual(alice.opens[1], { epoch: alice.provider.epoch, newEpoch: false, snapshot: false, knownSequence: 14, updates: 0 });
    bob.type("bob's last word");
    await converged(alice, bob, carol);
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    return { snapshotUpTo: snapshot.upTo, carolUpdates: carol.opens[0].updates };
  },

  /** The node restarts and loses the log (embedded mode): both push their whole state into the new epoch, offline edits too. */
  async newEpoch() {
    const [alice, bob] = await Promise.all([Editor.open("alice"), Editor.open("bob")]);
    alice.type("alice wrote this. ");
    bob.type("bob wrote that. ");
    await converged(alice, bob);
    const oldEpoch = alice.provider.epoch;
    await ask("stop");
    await alice.until(() => alice.status.kind === "offline" && bob.status.kind === "offline", "both are offline");
    alice.type("alice while the node was down. ");
    await ask("start");
    await alice.until(() => alice.provider.epoch !== oldEpoch && bob.provider.epoch !== oldEpoch, "both are in the new epoch");
    const text = await converged(alice, bob);
    assert.ok(alice.opens.some((o) => o.newEpoch) && bob.opens.some((o) => o.newEpoch), "both saw the new epoch");
    const carol = await Editor.open("carol");
    const fresh = carol.text.toString();
    for (const part of ["alice wrote this.", "bob wrote that.", "alice while the node was down."]) {
      assert.ok(fresh.includes(part), `the new epoch holds "${part}": ${fresh}`);
    }
    assert.equal(fresh, text);
    await Promise.all([alice.close(), bob.close(), carol.close()]);
    return { oldEpoch, newEpoch: carol.provider.epoch, lastSequence: carol.provider.lastSequence };
  },
};

async function main(): Promise<void> {
  const run = scenarios[scenario];
  if (!run) throw new Error(`No scenario "${scenario}"; there are ${Object.keys(scenarios).join(", ")}.`);
  const result = await run();
  console.log(`@result ${JSON.stringify(result)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
