'use strict';
// The reconnect cost (RealtimeHub): one full editor leaves (its connection closed, its epoch and last sequence kept)
// while the others type on; once its document has moved `awayUpdates` updates past it and been compacted since, it
// connects again and re-opens with (epoch, sequence). Counted: the bytes its new socket read until OpenDocument answered
// (HTTP upgrade and SignalR handshake included, shown apart), less the live DocumentUpdated records that arrived
// meanwhile (the others type on: those it would have read had it never left), against the snapshot that came back.
const { waitUntil, sleep, performance } = require('../../socketio/lib/load');

async function reconnectProbe({ editor, keeper, compactions, awayUpdates, log }) {
  const [knownEpoch, knownSequence] = [editor.epoch, editor.watermark.value];
  editor.away = true;
  await editor.close();
  const awayStarted = performance.now();
  const missed = await waitUntil(() => keeper.watermark.value >= knownSequence + awayUpdates, 120000);
  // "After compaction": the first snapshot accepted once the editor has missed enough, so the tail is what came since.
  const compacted = compactions.countFor(editor.docId);
  const wasCompacted = missed && (await waitUntil(() => compactions.countFor(editor.docId) > compacted, 60000));
  if (!wasCompacted) log(`reconnect: ${missed ? 'no compaction within 60 s' : `fewer than ${awayUpdates} updates within 120 s`}; measured anyway`);
  const started = performance.now();
  await editor.connect();
  const handshakeBytes = editor.bytesRead;
  const state = await editor.open(knownEpoch, knownSequence);
  const [bytes, liveBytes] = [editor.bytesRead, editor.liveBytes];
  const snapshotBytes = state.snapshot ? Buffer.from(state.snapshot, 'base64').length : null;
  const result = {
    reconnectAwayMs: Math.round(started - awayStarted), reconnectKnownSequence: knownSequence,
    reconnectMissedUpdates: state.lastSequence - knownSequence, reconnectAfterCompaction: wasCompacted,
    reconnectMs: Math.round(performance.now() - started), reconnectBytes: bytes - liveBytes, reconnectHandshakeBytes: handshakeBytes,
    reconnectLiveBytes: liveBytes,
    reconnectSnapshotBytes: snapshotBytes, reconnectSnapshotSequence: state.snapshot ? state.snapshotSequence : null,
    reconnectTailUpdates: state.updates.length, reconnectNewEpoch: state.epoch !== knownEpoch,
  };
  log(`reconnect after ${result.reconnectMissedUpdates} updates: ${bytes} B read (handshake ${handshakeBytes} B, live updates ${liveBytes} B), `
    + `snapshot ${snapshotBytes} B + ${state.updates.length} updates, ${result.reconnectMs} ms`);
  return result;
}

/** Whether the editor that came back holds the same text as its document's keeper, once the typing has settled. */
async function converged(editor, keeper) {
  const same = () => editor.typist.text.toString() === keeper.typist.text.toString();
  await waitUntil(same, 5000);
  await sleep(0);
  return same();
}

module.exports = { reconnectProbe, converged };
