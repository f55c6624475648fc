import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomConversation } from "../src/chat/conversation";
import { message, range } from "./messages";

test("messages are kept once each, in sequence order, whatever order they arrive in", () => {
  const room = new RoomConversation("lobby");
  room.addMessages([message("lobby", 3), message("lobby", 1)]);
  const added = room.addMessages([message("lobby", 2), message("lobby", 3), message("lobby", 4)]);
  assert.deepEqual(added.map((m) => m.sequence), [2, 4]);
  assert.deepEqual(room.messages.map((m) => m.sequence), [1, 2, 3, 4]);
  assert.equal(room.lastSequence, 4);
});

test("a message of a new epoch keeps what was shown as earlier and counts its sequences afresh", () => {
  const room = new RoomConversation("lobby");
  room.addMessages(range("lobby", 1, 3));
  const added = room.addMessages(range("lobby", 1, 2, 2));
  assert.deepEqual(added.map((m) => m.id), ["2-lobby-1", "2-lobby-2"]); // sequences 1 and 2 again, but new messages
  assert.deepEqual(room.earlier.map((m) => m.id), ["1-lobby-1", "1-lobby-2", "1-lobby-3"]);
  assert.deepEqual(room.messages.map((m) => m.id), ["2-lobby-1", "2-lobby-2"]);
  assert.equal(room.epoch, "e2");
  assert.equal(room.lastSequence, 2);
});

test("a late message of an epoch already left is dropped", () => {
  const room = new RoomConversation("lobby");
  room.addMessages(range("lobby", 1, 2));
  room.addMessages(range("lobby", 1, 1, 2));
  assert.deepEqual(room.addMessages([message("lobby", 3)]), []);
  assert.equal(room.followEpoch("e1"), false);
  assert.deepEqual(room.messages.map((m) => m.id), ["2-lobby-1"]);
});

test("a message of an older epoch, never seen, does not pull the room back", () => {
  const room = new RoomConversation("lobby");
  room.addMessages(range("lobby", 1, 2, 2));
  assert.deepEqual(room.addMessages([message("lobby", 5, "late", 1)]), []);
  assert.equal(room.epoch, "e2");
  assert.deepEqual(room.earlier, []);
});

test("a retry stored again in the new epoch is not shown twice", () => {
  const room = new RoomConversation("lobby");
  room.addMessages([{ ...message("lobby", 1), clientMessageId: "c-1", senderId: "alice" }]);
  const again = { ...message("lobby", 1, "m1", 2), clientMessageId: "c-1", senderId: "alice" };
  assert.deepEqual(room.addMessages([again, message("lobby", 2, "next", 2)]).map((m) => m.text), ["next"]);
  assert.equal(room.lastSequence, 2); // counted as seen, so no gap is fetched for it
});

test("confirming a clientMessageId removes only that pending message", () => {
  const room = new RoomConversation("lobby");
  room.pending.push({ clientMessageId: "a", text: "x", createdAt: 0, status: "pending" });
  room.pending.push({ clientMessageId: "b", text: "y", createdAt: 0, status: "pending" });
  assert.equal(room.confirm("a"), true);
  assert.equal(room.confirm("a"), false);
  assert.equal(room.confirm(null), false);
  assert.deepEqual(room.pending.map((p) => p.clientMessageId), ["b"]);
});
