import { limits, type ChatMessage, type RoomSnapshot } from "../api/contracts";
import type { ChatConnection } from "../connection/chatConnection";
import type { RoomConversation } from "./conversation";

/** Takes in what JoinRoom returned: members replace the old list, recent messages merge by sequence. */
export function applySnapshot(room: RoomConversation, snapshot: RoomSnapshot): ChatMessage[] {
  room.setMembers(snapshot.members);
  room.typing.clear();
  const added = room.addMessages(snapshot.recent);
  room.lastSequence = Math.max(room.lastSequence, snapshot.lastSequence);
  return added;
}

/**
 * Joins again after a reconnect and fetches every message after the last one this page saw, so the
 * outage leaves no hole. Returns the messages that were new.
 */
export async function rejoinRoom(connection: ChatConnection, room: RoomConversation): Promise<ChatMessage[]> {
  const seenThrough = room.lastSequence;
  const snapshot = await connection.joinRoom(room.name);
  // Whatever the snapshot's recent messages don't reach back to comes from history.
  const firstRecent = snapshot.recent[0]?.sequence ?? snapshot.lastSequence + 1;
  const missed = await fetchHistory(connection, room, seenThrough, firstRecent - 1);
  return [...missed, ...applySnapshot(room, snapshot)];
}

/** Pages GetHistory from afterSequence until upTo (or the end of history) and merges what it finds. */
export async function fetchHistory(
  connection: ChatConnection,
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
