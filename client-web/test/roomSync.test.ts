import assert from "node:assert/strict";
import { test } from "node:test";
import type { ChatMessage, RoomSnapshot } from "../src/api/contracts";
import { RoomConversation } from "../src/chat/conversation";
import { applySnapshot, rejoinRoom, type RoomCalls } from "../src/chat/roomSync";
import { range } from "./messages";

/** A room's server side: its whole history and the calls the page made. */
function fakeHub(history: ChatMessage[]): RoomCalls & { historyCalls: [number, number][] } {
  const historyCalls: [number, number][] = [];
  return {
    historyCalls,
    joinRoom: async (room: string): Promise<RoomSnapshot> => ({
      room,
      epoch: history[0]?.epoch ?? "e1",
      members: [{ userId: "bob", name: "bob" }],
      recent: history.slice(-50),
      lastSequence: history.at(-1)?.sequence ?? 0,
    }),
    getHistory: async (_room: string, after: number, limit: number) => {
      historyCalls.push([after, limit]);
      return history.filter((m) => m.sequence > after).slice(0, limit);
    },
  };
}

test("a rejoin pages through history from the last seen sequence and adds each missed message once, in order", async () => {
  const room = new RoomConversation("lobby");
  applySnapshot(room, { room: "lobby", epoch: "e1", members: [], recent: range("lobby", 1, 10), lastSequence: 10 });
  const hub = fakeHub(range("lobby", 1, 1210));

  const added = await rejoinRoom(hub, room);

  assert.deepEqual(hub.historyCalls, [
    [10, 500],
    [510, 500],
    [1010, 500],
  ]);
  assert.equal(added.length, 1200);
  assert.deepEqual(room.messages.map((m) => m.sequence), range("lobby", 1, 1210).map((m) => m.sequence));
  assert.deepEqual([...room.members.keys()], ["bob"]);
});

test("a rejoin that the snapshot covers asks history for nothing", async () => {
  const room = new RoomConversation("lobby");
  applySnapshot(room, { room: "lobby", epoch: "e1", members: [], recent: range("lobby", 1, 10), lastSequence: 10 });
  const hub = fakeHub(range("lobby", 1, 30));

  await rejoinRoom(hub, room);

  assert.deepEqual(hub.historyCalls, []);
  assert.equal(room.messages.length, 30);
});

test("a snapshot in a new epoch keeps the old messages as earlier and shows the new ones even where sequences repeat", async () => {
  const room = new RoomConversation("lobby");
  applySnapshot(room, { room: "lobby", epoch: "e1", members: [], recent: range("lobby", 1, 3), lastSequence: 3 });
  const hub = fakeHub(range("lobby", 1, 2, 2));

  await rejoinRoom(hub, room);

  assert.deepEqual(room.earlier.map((m) => m.id), ["1-lobby-1", "1-lobby-2", "1-lobby-3"]);
  assert.deepEqual(room.messages.map((m) => m.id), ["2-lobby-1", "2-lobby-2"]);
  assert.equal(room.lastSequence, 2);
});

test("a new epoch with more than a snapshot of messages is fetched from sequence 0", async () => {
  const room = new RoomConversation("lobby");
  applySnapshot(room, { room: "lobby", epoch: "e1", members: [], recent: range("lobby", 1, 1), lastSequence: 1 });
  const hub = fakeHub(range("lobby", 1, 120, 2));

  await rejoinRoom(hub, room);

  assert.deepEqual(hub.historyCalls, [[0, 500]]);
  assert.deepEqual(room.earlier.map((m) => m.id), ["1-lobby-1"]);
  assert.deepEqual(room.messages.map((m) => m.id), range("lobby", 1, 120, 2).map((m) => m.id));
});
