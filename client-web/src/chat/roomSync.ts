import { limits, type ChatMessage, type RoomSnapshot } from "../api/contracts";
import type { ChatConnection } from "../connection/chatConnection";

/** The two hub calls a rejoin needs (a fake in unit tests). */
export type RoomCalls = Pick<ChatConnection, "joinRoom" | "getHistory">;
import type { RoomConversation } from "./conversation";

/** Takes in what JoinRoom returned: its epoch, members replace the old list, recent messages merge by sequence. */
export function applySnapshot(room: RoomConversation, snapshot: RoomSnapshot): ChatMessage[] {
  room.followEpoch(snapshot.epoch);
  room.setMembers(snapshot.members);
  room.typing.clear();
  const added = room.addMessages(snapshot.recent);
  if (room.epoch === snapshot.epoch) room.lastSequence = Math.max(room.lastSequence, snapshot.lastSequence);
  return added;
}

/**
 * Joins again after a reconnect and fetches every message after the last one this page saw, so the outage leaves
 * no hole. In a new epoch (the server lost the room's history) that means from 0 in it. Returns the messages that were new.
 */
export async function rejoinRoom(connection: RoomCalls, room: RoomConversation): Promise<ChatMessage[]> {
  const snapshot = await connection.joinRoom(room.name);
  room.followEpoch(snapshot.epoch);
  const firstRecent = snapshot.recent[0]?.sequence ?? snapshot.lastSequence + 1;
  // Whatever the snapshot's recent messages don't reach back to comes from history.
  const missed = await fetchHistory(connection, room, room.lastSequence, firstRecent - 1);
  return [...missed, ...applySnapshot(room, snapshot)];
}

/** Pages GetHistory from afterSequence until upTo (or the end of history) and merges what it finds. */
export async function fetchHistory(
  connection: RoomCalls,
  room: RoomConversation,
  afterSequence: number,
  upTo: number,
): Promise<ChatMessage[]> {
  const added: ChatMessage[] = [];
  let after = afterSequence;
  while (after < upTo) {
    const page = await connection.getHistory(room.name, after, limits.maxHistoryPage);
    added.push(...room.addMessages(page));
    const last = page[page.length - 1];
    if (!last || page.length < limits.maxHistoryPage) break;
    after = last.sequence;
  }
  return added;
}
