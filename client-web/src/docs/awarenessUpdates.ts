import * as decoding from "lib0/decoding";

/**
 * The client ids an awareness update speaks for (y-protocols' encoding: a count, then per client its id, clock and
 * JSON state). Used to drop remote states the server no longer holds after a reopen, so no ghost caret outlives a
 * removal missed while offline.
 */
export function clientIdsOf(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    decoding.readVarString(decoder);
  }
  return ids;
}
