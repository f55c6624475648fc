import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomConversation, type Conversation, type PendingMessage } from "../src/chat/conversation";
import { Outbox } from "../src/chat/outbox";

function setup(deliver: (message: PendingMessage) => Promise<void>) {
  let connected = true;
  const room = new RoomConversation("lobby");
  const sent: string[] = [];
  const outbox = new Outbox(
    () => connected,
    async (_c: Conversation, message: PendingMessage) => {
      sent.push(message.clientMessageId);
      await deliver(message);
    },
    () => {},
  );
  return { room, sent, outbox, setConnected: (value: boolean) => (connected = value) };
}

test("messages typed while disconnected stay pending and go out once, in order, with their clientMessageIds", async () => {
  const { room, sent, outbox, setConnected } = setup(async () => {});
  setConnected(false);
  const first = outbox.enqueue(room, "one");
  const second = outbox.enqueue(room, "two");
  assert.equal(room.pending.length, 2);

  setConnected(true);
  await outbox.pump(room);
  await outbox.pump(room);

  assert.deepEqual(sent, [first.clientMessageId, second.clientMessageId]);
  assert.equal(room.pending.length, 0);
});

test("a send cut off by the connection stays pending with the same clientMessageId", async () => {
  let fail = true;
  const { room, sent, outbox } = setup(async () => {
    if (fail) throw new Error("Invocation canceled due to the underlying connection being closed.");
  });
  const message = outbox.enqueue(room, "one");
  await outbox.pump(room);
  assert.equal(room.pending[0]?.status, "pending");

  fail = false;
  await outbox.pump(room);
  assert.deepEqual(sent, [message.clientMessageId, message.clientMessageId]);
  assert.equal(room.pending.length, 0);
});

test("a message the server refuses is marked failed with its reason and the rest still go out", async () => {
  const { room, outbox, sent } = setup(async (message) => {
    if (message.text === "bad") {
      throw new Error("An unexpected error occurred invoking 'SendMessage' on the server. HubException: rate limited");
    }
  });
  outbox.enqueue(room, "bad");
  outbox.enqueue(room, "good");
  await outbox.pump(room);
  assert.equal(sent.length, 2);
  assert.equal(room.pending.length, 1);
  assert.equal(room.pending[0]?.status, "failed");
  assert.equal(room.pending[0]?.error, "rate limited");
});
