'use strict';
// The "Collaborative documents" section of docs/BENCHMARKS.md (issue 20), from the docs records of one run (fields in
// bench/README.md): RealtimeHub's `many` record (D documents × 20 editors over two nodes and Redis) and the `one` records
// of RealtimeHub and Hocuspocus (one document × 20 editors). report.js renders it with the rest, or alone into an existing
// report for a docs-only run (lib/sections.js). Verdicts come from the raw fields.

const GOAL_P99_MS = 100;
/** A reconnect after compaction reads less than this many times the snapshot. */
const RECONNECT_RATIO = 2;
const HEADING = '## Collaborative documents';

const find = (records, stack, variant) => records.find((r) => r.scenario === 'docs' && r.stack === stack && r.variant === variant);

/** @param {object} many RealtimeHub's `many` record (or undefined); @param {object} f report.js's formatting helpers */
function docsGoals(many, f) {
  const latency = (() => {
    const goal = `update latency p99 < ${GOAL_P99_MS} ms (push → receipt by the other editors)`;
    const cells = [goal, typeof many?.p99Ms === 'number' ? `${f.fmt(many.p99Ms, 1)} ms` : '–'];
    if (typeof many?.p99Ms !== 'number') return [...cells, 'not measured'];
    if (f.generatorBound(many)) return [...cells, 'generator-bound: no verdict'];
    if (many.errors > 0) return [...cells, `missed: ${f.fmt(many.errors)} editor errors (refused pushes or lost connections)`];
    return [...cells, many.p99Ms < GOAL_P99_MS ? 'met'
      : `missed: ${f.fmt(many.p99Ms - GOAL_P99_MS, 1)} ms over (${(many.p99Ms / GOAL_P99_MS).toFixed(2)}× the goal)`];
  })();

  const reconnect = (() => {
    const goal = `reconnect after compaction < ${RECONNECT_RATIO}× the snapshot (bytes read until current)`;
    const bytes = many?.reconnectBytes;
    const snapshot = many?.reconnectSnapshotBytes;
    const cells = [goal, typeof bytes === 'number' && typeof snapshot === 'number'
      ? `${f.fmt(bytes)} B for a ${f.fmt(snapshot)} B snapshot` : typeof bytes === 'number' ? `${f.fmt(bytes)} B, no snapshot` : '–'];
    if (typeof bytes !== 'number') return [...cells, 'not measured'];
    if (typeof snapshot !== 'number' || snapshot <= 0) return [...cells, 'not measured: the reopen brought no snapshot (no compaction)'];
    if (many.reconnectAfterCompaction === false) return [...cells, 'not measured: no compaction while the editor was away'];
    const r = bytes / snapshot;
    return [...cells, r < RECONNECT_RATIO ? `met (${r.toFixed(2)}×)`
      : `missed: ${r.toFixed(2)}× the snapshot (${Math.round((r / RECONNECT_RATIO - 1) * 100)} % over)`];
  })();

  return [latency, reconnect];
}

/** The D-document workload's figures (RealtimeHub). */
function manyTable(r, f) {
  const v = (value, digits = 0, unit = '') => (typeof value === 'number' ? `${f.fmt(value, digits)}${unit}` : value ?? '–');
  const perSecond = (n) => (typeof n === 'number' && r.durationMs ? n / (r.durationMs / 1000) : null);
  const rows = [
    ['latency p50 / p99 / p99.9', `${v(r.p50Ms, 1)} / ${v(r.p99Ms, 1)} / ${v(r.p999Ms, 1)} ms`],
    ['keystrokes typed / acknowledged per s', `${v(perSecond(r.sent))} / ${v(perSecond(r.acked))}`],
    ['deliveries per s: received / owed (19 per keystroke)', `${v(r.deliveriesPerSec)} / ${v(r.expectedDeliveriesPerSec)}`],
    ['editor errors (refused pushes, lost connections)', v(r.errors)],
    ['server CPU, both nodes (cores)', v(r.serverCpu, 2)],
    ['server CPU per delivery', v(cpuPerDelivery(r), 1, ' µs')],
    ['Redis CPU (cores)', v(r.redisCpu, 2)],
    ['generator CPU (cores)', v(r.loadgenCpu, 2)],
    ['keyboard timer lag p99', v(r.sendLagP99Ms, 1, ' ms')],
    ['node RSS, both nodes', f.mib(r.rssBytes)],
    ['compactions in the window (snapshots asked / refused or unanswered)', `${v(r.compactions)} (${v(r.snapshotRequests)} / ${v(r.snapshotsRefused)})`],
    ['Redis per document just before compaction: all keys / log (updates + snapshot)', `${v(r.redisDocBytesBefore)} / ${v(r.redisLogBytesBefore)} B`],
    ['Redis per document just after compaction: all keys / log', `${v(r.redisDocBytesAfter)} / ${v(r.redisLogBytesAfter)} B`],
    ['Redis per document before → after compaction, key by key', keysCell(r, f)],
    ['snapshot size at compaction (Yjs update)', v(r.snapshotBytes, 0, ' B')],
    ['Redis used_memory at the window\'s end / documents', typeof r.redisUsedMemoryBytes === 'number' && r.documents
      ? `${f.mib(r.redisUsedMemoryBytes)} / ${f.fmt(r.documents)} = ${f.fmt(r.redisUsedMemoryBytes / r.documents)} B` : '–'],
    ['reconnect: updates missed (away for)', `${v(r.reconnectMissedUpdates)} (${v(typeof r.reconnectAwayMs === 'number' ? r.reconnectAwayMs / 1000 : null, 1, ' s')})`],
    ['reconnect: bytes read until current (of which upgrade + handshake); live updates read meanwhile, left out',
      `${v(r.reconnectBytes)} (${v(r.reconnectHandshakeBytes)}) B; ${v(r.reconnectLiveBytes)} B`],
    ['reconnect: snapshot + tail it got', `${v(r.reconnectSnapshotBytes)} B + ${v(r.reconnectTailUpdates)} updates`],
    ['reconnect: time to current', v(r.reconnectMs, 0, ' ms')],
    ['reconnect: same text as the document\'s keeper afterwards', typeof r.reconnectConverged === 'boolean' ? (r.reconnectConverged ? 'yes' : 'no') : '–'],
  ];
  return f.table(['metric', 'RealtimeHub'], rows);
}

/** Each key's bytes before → after, e.g. "updates 65,000 → 300; client-ids 270,000 → 272,000". */
function keysCell(r, f) {
  const [before, after] = [r.redisKeyBytesBefore, r.redisKeyBytesAfter];
  if (!before || !after) return '–';
  return Object.keys(before).map((k) => `${k} ${f.fmt(before[k])} → ${f.fmt(after[k])}`).join('; ');
}

const cpuPerDelivery = (r) => (typeof r?.serverCpu === 'number' && r.deliveriesPerSec ? (r.serverCpu * 1e6) / r.deliveriesPerSec : null);

/** One document × 20 editors: RealtimeHub beside Hocuspocus. */
function oneTable(rth, hp, f) {
  const row = (metric, get, digits = 0, unit = '') => {
    const [a, b] = [rth, hp].map((r) => (r ? get(r) : null));
    const show = (x) => (typeof x === 'number' ? `${f.fmt(x, digits)}${unit}` : x ?? '–');
    return [metric, show(a), show(b), typeof a === 'number' && typeof b === 'number' ? f.ratioCell(b ? a / b : null) : '–'];
  };
  const bound = (r) => (f.generatorBound(r) ? 'yes' : 'no');
  return f.table(['metric', 'RealtimeHub', 'Hocuspocus', 'ratio'], [
    row('server processes', (r) => (r.stack === 'realtimehub' ? `${r.nodes} nodes + Redis` : `${r.nodes}, no Redis`)),
    row('latency p50', (r) => r.p50Ms, 1, ' ms'),
    row('latency p99', (r) => r.p99Ms, 1, ' ms'),
    row('latency p99.9', (r) => r.p999Ms, 1, ' ms'),
    row('deliveries per s (received / owed)', (r) => `${f.fmt(r.deliveriesPerSec)} / ${f.fmt(r.expectedDeliveriesPerSec)}`),
    row('server CPU (cores; RealtimeHub: both nodes, Redis not counted)', (r) => r.serverCpu, 2),
    row('server CPU per delivery', cpuPerDelivery, 1, ' µs'),
    row('Redis CPU (cores)', (r) => r.redisCpu, 2),
    row('server RSS', (r) => (typeof r.rssBytes === 'number' ? r.rssBytes / 1048576 : null), 1, ' MiB'),
    row('generator CPU (cores)', (r) => r.loadgenCpu, 2),
    row('generator-bound (≥ 0.9 core)', bound),
    row('editor errors', (r) => r.errors),
  ]);
}

/** The whole section, from the run's docs records; `run` is { name, machine }. */
function docsSection(records, run, f) {
  const many = find(records, 'realtimehub', 'many');
  const [rthOne, hpOne] = [find(records, 'realtimehub', 'one'), find(records, 'hocuspocus', 'one')];
  const any = many ?? rthOne ?? hpOne;
  const m = run.machine;
  const setup = many
    ? `${f.fmt(many.documents)} documents × ${many.editorsPerDoc} editors (${f.fmt(many.connections)} connections, alternating over `
      + `${many.nodes} nodes and Redis), each typing ${many.charsPerSecond} characters a second: ${f.fmt(many.rate)} Yjs updates a second, `
      + `each owed to ${many.editorsPerDoc - 1} editors; ${f.fmt(many.warmUpMs / 1000)} s warm-up, then a ${f.fmt(many.durationMs / 1000)} s window.`
    : 'The many-document workload was not measured in this run (`bench/run.sh --scenarios docs` measures it alone).';
  const goals = docsGoals(many, f);
  const met = goals.filter((g) => g[2].startsWith('met')).length;
  const quickNote = m.quick && many ? ` **Quick run**: ${f.fmt(many.documents)} documents instead of the issue's 50, the same 20 editors per document and typing speed.` : '';
  const section = `${HEADING} (issue 20)

${any ? `Run \`${run.name}\` (\`bench/run.sh${m.quick ? ' --quick' : ''}\`${m.commit ? `, commit \`${m.commit}\`` : ''}, ${m.startedAt ?? '–'}, load average at start ${m.loadAvgAtStart ?? '–'}; ${m.layout ?? ''}).\n` : ''}${setup}
Every keystroke is one Y.Text insert in a real Yjs 13.6.33 document, pushed as the update \`doc.on('update')\` gave
(RealtimeHub: \`PushUpdate\` on \`/hubs/docs\` through @microsoft/signalr, JSON protocol, so updates travel as base64).
Latency runs from the keystroke's scheduled time to its receipt by each other editor of the document (the writer's
clientID and clock read from the update's header). Editors that only measure do not apply what they receive; each
document's first editor applies everything, and the editor asked for a snapshot answers \`SnapshotRequested\` with
that real Y.Doc's state once it holds every update up to the asked sequence. Redis memory per document is
\`MEMORY USAGE\` (\`SAMPLES 0\`) of the document's keys (state, updates, snapshot, client-ids, unbroadcast, awareness)
just before a snapshot is sent and just after it was accepted: the median over the window's compactions. The reconnect:
one editor (applying everything) closes its connection while the others type on; once its document has moved 1,000
updates past it and been compacted since, it connects again and re-opens with its epoch and last sequence; counted are
the bytes its new socket read until \`OpenDocument\` answered (HTTP upgrade and handshake included), less the live
\`DocumentUpdated\` records that reached it meanwhile (it would have read those had it stayed). A generator at ≥ 0.9 of a core gets no latency verdict.${quickNote}

${f.table(['goal (issue 20)', 'RealtimeHub', 'verdict'], goals)}

${many ? manyTable(many, f) : ''}

### One document × 20 editors: RealtimeHub beside Hocuspocus

The same typing on one document. Hocuspocus is \`@hocuspocus/server\` 3.4 in one process without extensions (no Redis:
one document needs no more), its editors \`@hocuspocus/provider\`; RealtimeHub runs on its two nodes and Redis as above.
Here every editor applies every update to its Y.Doc on both stacks, as a provider does.

${rthOne || hpOne ? oneTable(rthOne, hpOne, f) : '_not measured in this run_'}
`;
  return { section, met, goals: goals.length, measured: Boolean(many) };
}

module.exports = { docsSection, GOAL_P99_MS, RECONNECT_RATIO, HEADING };
