import { limits, type ChatMessage, type RoomSnapshot } from "../api/contracts";
import type { ChatConnection } from "../connection/chatConnection";

/** The two hub calls a rejoin needs (a fake in unit tests). */
export type RoomCalls = Pick<ChatConnection, "joinRoom" | "getHistory">;
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
export async function rejoinRoom(connection: RoomCalls, room: RoomConversation): Promise<ChatMessage[]> {
  const snapshot = await connection.joinRoom(room.name);
  const firstRecent = snapshot.recent[0]?.sequence ?? snapshot.lastSequence + 1;
  const startedOver = await historyStartedOver(connection, room, snapshot, firstRecent);
  if (startedOver) room.startNewHistory();
  // Whatever the snapshot's recent messages don't reach back to comes from history.
  const missed = await fetchHistory(connection, room, room.lastSequence, firstRecent - 1);
  const added = [...missed, ...applySnapshot(room, snapshot)];
  if (startedOver) {
    // Live messages that came in before the snapshot were dropped as repeats of the old history.
    added.push(...(await fetchHistory(connection, room, room.lastSequence, Number.POSITIVE_INFINITY)));
  }
  return added;
}

/**
 * Whether the server's history is no longer the one this page saw (a restart that kept history in memory).
 * When the snapshot does not reach back to the last message seen, that message is fetched to compare ids.
 */
async function historyStartedOver(
  connection: RoomCalls,
  room: RoomConversation,
  snapshot: RoomSnapshot,
  firstRecent: number,
): Promise<boolean> {
  if (room.historyDiffers(snapshot.lastSequence, snapshot.recent)) return true;
  if (room.lastSequence === 0 || firstRecent <= room.lastSequence) return false;
  const lastSeen = await connection.getHistory(room.name, room.lastSequence - 1, 1);
  return room.historyDiffers(snapshot.lastSequence, lastSeen);
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
