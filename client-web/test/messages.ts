import type { ChatMessage } from "../src/api/contracts";

/** A stored message as the server would send it; its epoch and id depend on the history "generation", so lost histories can be faked. */
export function message(room: string, sequence: number, text = `m${sequence}`, generation = 1): ChatMessage {
  return {
    id: `${generation}-${room}-${sequence}`,
    room,
    epoch: `e${generation}`,
    sequence,
    senderId: "bob",
    senderName: "bob",
    text,
    sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
    clientMessageId: null,
  };
}

export function range(room: string, from: number, to: number, generation = 1): ChatMessage[] {
  const all: ChatMessage[] = [];
  for (let sequence = from; sequence <= to; sequence++) all.push(message(room, sequence, `m${sequence}`, generation));
  return all;
}
