import assert from "node:assert/strict";
import { test } from "node:test";
import { fromMessagePack } from "../src/connection/messagePackShapes";

test("a snapshot over MessagePack reads as it does over JSON", () => {
  const sentAt = new Date("2026-01-01T10:00:00.123Z");
  const wire = {
    Room: "lobby",
    Members: [{ UserId: "alice", Name: "Alice" }],
    Recent: [{ Id: "m1", Room: "lobby", Sequence: 1, SenderId: "alice", SenderName: "Alice", Text: "<b>hi</b>", SentAt: sentAt, ClientMessageId: null }],
    LastSequence: 1,
  };

  assert.deepEqual(fromMessagePack(wire), {
    room: "lobby",
    members: [{ userId: "alice", name: "Alice" }],
    recent: [{ id: "m1", room: "lobby", sequence: 1, senderId: "alice", senderName: "Alice", text: "<b>hi</b>", sentAt: "2026-01-01T10:00:00.123Z", clientMessageId: null }],
    lastSequence: 1,
  });
});

test("plain values pass through unchanged", () => {
  assert.equal(fromMessagePack("Lobby"), "Lobby");
  assert.equal(fromMessagePack(42), 42);
  assert.equal(fromMessagePack(null), null);
  assert.deepEqual(fromMessagePack(["A", 1]), ["A", 1]);
});
