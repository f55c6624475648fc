'use strict';
// What the editors read from a Yjs v1 update without applying it, and the bookkeeping of scheduled keystroke times, so
// an editor that only measures can tell which keystroke an update carries (its writer's clientID and clock) and when it
// was due. A keystroke is one Y.Text insert of one character: its update holds one struct of one client.

/** lib0's variable-length unsigned integer at `offset`: [value, next offset], or null past the end. */
function readVarUint(bytes, offset) {
  let value = 0;
  let multiplier = 1;
  for (let i = offset; i < bytes.length && i < offset + 8; i++) {
    const byte = bytes[i];
    value += (byte & 0x7f) * multiplier;
    if (byte < 0x80) return [value, i + 1];
    multiplier *= 128;
  }
  return null;
}

/**
 * The first struct's writer of a v1 update: { client, clock }, or null when the update holds no struct (a delete-only
 * update) or is cut short. Layout: number of clients, then per client the number of structs, the client and its clock.
 */
function firstStructOf(bytes) {
  const clients = readVarUint(bytes, 0);
  if (!clients || clients[0] === 0) return null;
  const structs = readVarUint(bytes, clients[1]);
  if (!structs || structs[0] === 0) return null;
  const client = readVarUint(bytes, structs[1]);
  const clock = client && readVarUint(bytes, client[1]);
  return clock ? { client: client[0], clock: clock[0] } : null;
}

/** 16 base64 characters are 12 bytes: enough for the header of an update sent as base64 (JSON protocol). */
const firstStructOfBase64 = (text) => firstStructOf(Buffer.from(text.slice(0, 16), 'base64'));

/**
 * When each keystroke was due, by its writer's clientID and clock: a ring per writer of the last `size` keystrokes
 * (at 5 per second, 4,096 are 13 minutes), each slot holding its clock so an overwritten one is not misread.
 */
class KeystrokeTimes {
  constructor(size = 4096) {
    this.size = size;
    this.writers = new Map();
  }

  record(client, clock, atMs) {
    let ring = this.writers.get(client);
    if (!ring) this.writers.set(client, (ring = { at: new Float64Array(this.size), clock: new Float64Array(this.size).fill(-1) }));
    const slot = clock % this.size;
    ring.at[slot] = atMs;
    ring.clock[slot] = clock;
  }

  /** The scheduled time of that writer's keystroke at `clock`, or null when unknown (not typed here, or too old). */
  at(client, clock) {
    const ring = this.writers.get(client);
    const slot = clock % this.size;
    return ring && ring.clock[slot] === clock ? ring.at[slot] : null;
  }
}

/** The highest sequence up to which every sequence has been seen (a document's updates are gapless within an epoch). */
class SequenceWatermark {
  constructor(start = 0) {
    this.value = start;
    this.ahead = new Set();
  }

  add(sequence) {
    if (sequence <= this.value) return;
    this.ahead.add(sequence);
    while (this.ahead.delete(this.value + 1)) this.value++;
  }

  /** Everything up to `sequence` is held (a snapshot up to it was applied). */
  advanceTo(sequence) {
    if (sequence <= this.value) return;
    this.value = sequence;
    for (const s of this.ahead) if (s <= sequence) this.ahead.delete(s);
    while (this.ahead.delete(this.value + 1)) this.value++;
  }
}

module.exports = { readVarUint, firstStructOf, firstStructOfBase64, KeystrokeTimes, SequenceWatermark };
