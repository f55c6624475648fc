'use strict';
// The "Live feeds" section of docs/BENCHMARKS.md (issue 19), from the feeds records of one run (one per stack; fields in
// bench/README.md). report.js renders it with the rest, or alone into an existing report for a feeds-only run
// (lib/sections.js). Verdicts come from the raw fields, so both generators are judged alike.

const GOAL_P99_MS = 150;
const BYTES_RATIO = 0.25;
const CPU_RATIO = 0.5;
const PAUSE_RSS_BYTES = 5 * 1048576;
/** The goal's pause; a quick run pauses for less, and the verdict says so. */
const GOAL_PAUSE_MS = 60000;
/** The others' p99 during the pause is "unchanged" when at most 25 % or 10 ms above the window before, whichever allows more. */
const UNCHANGED = { factor: 1.25, ms: 10 };
const HEADING = '## Live feeds';

/**
 * @param {object} rth RealtimeHub's feeds record (or undefined), @param {object} sio Socket.IO's
 * @param {object} f formatting helpers of report.js: fmt, mib, table, ratioCell, generatorBound
 */
function feedsGoals(rth, sio, f) {
  const bound = (...rs) => rs.some((r) => r && f.generatorBound(r));
  const pauseBound = (r) => f.generatorBound(r) || f.generatorBound({ loadgenCpu: r.pauseLoadgenCpu });
  const ms = (v) => (typeof v === 'number' ? `${f.fmt(v, 1)} ms` : '–');
  const over = (measured, limit) => `${Math.round((measured / limit - 1) * 100)} % over`;

  const latency = (() => {
    const goal = `publish → receipt p99 < ${GOAL_P99_MS} ms`;
    const cells = [goal, ms(rth?.p99Ms), ms(sio?.p99Ms)];
    if (typeof rth?.p99Ms !== 'number') return [...cells, 'not measured'];
    if (bound(rth)) return [...cells, 'generator-bound: no verdict'];
    const broken = rth.errors > 0 || rth.watchErrors > 0;
    if (broken) return [...cells, `missed: ${f.fmt(rth.errors)} failed publishes, ${f.fmt(rth.watchErrors)} watches ended`];
    return [...cells, rth.p99Ms < GOAL_P99_MS ? 'met'
      : `missed: ${f.fmt(rth.p99Ms - GOAL_P99_MS, 1)} ms over (${(rth.p99Ms / GOAL_P99_MS).toFixed(2)}× the goal)`];
  })();

  const ratioGoal = (goal, field, limit, unit, digits) => {
    const show = (r) => (typeof r?.[field] === 'number' ? `${f.fmt(r[field], digits)}${unit}` : '–');
    const cells = [goal, show(rth), show(sio)];
    if (typeof rth?.[field] !== 'number' || typeof sio?.[field] !== 'number' || sio[field] <= 0) return [...cells, 'not measured'];
    if (bound(rth, sio)) return [...cells, 'generator-bound: no verdict'];
    const r = rth[field] / sio[field];
    return [...cells, r <= limit ? `met (${r.toFixed(2)}×)` : `missed: needs ≤ ${limit}×, measured ${r.toFixed(2)}× (${over(r, limit)})`];
  };

  const shortPause = (r) => (r.pauseMs < GOAL_PAUSE_MS * 0.95 ? `; a ${f.fmt(r.pauseMs / 1000)} s pause, not ${GOAL_PAUSE_MS / 1000} s` : '');
  const growth = (r) => (typeof r?.pauseRssGrowthBytes === 'number'
    ? `${signedMib(r.pauseRssGrowthBytes, f)} (peak ${signedMib(r.pauseRssPeakGrowthBytes, f)}; other node ${signedMib(r.pauseControlRssGrowthBytes, f)})` : '–');
  const memory = (() => {
    const cells = ['pause: the paused watcher\'s node grows by < 5 MiB', growth(rth), growth(sio)];
    if (typeof rth?.pauseRssGrowthBytes !== 'number') return [...cells, 'not measured'];
    return [...cells, rth.pauseRssGrowthBytes < PAUSE_RSS_BYTES ? `met${shortPause(rth)}`
      : `missed: ${signedMib(rth.pauseRssGrowthBytes, f)}, needs < 5 MiB (${over(rth.pauseRssGrowthBytes, PAUSE_RSS_BYTES)})${shortPause(rth)}`];
  })();

  const others = (() => {
    const show = (r) => (typeof r?.pauseP99Ms === 'number' ? `${f.fmt(r.p99Ms, 1)} → ${f.fmt(r.pauseP99Ms, 1)} ms` : '–');
    const cells = [`pause: the others' p99 unchanged (at most ${Math.round((UNCHANGED.factor - 1) * 100)} % or ${UNCHANGED.ms} ms above the window before)`,
      show(rth), show(sio)];
    if (typeof rth?.pauseP99Ms !== 'number' || typeof rth?.p99Ms !== 'number') return [...cells, 'not measured'];
    if (pauseBound(rth)) return [...cells, 'generator-bound: no verdict'];
    const allowed = Math.max(rth.p99Ms * UNCHANGED.factor, rth.p99Ms + UNCHANGED.ms);
    return [...cells, rth.pauseP99Ms <= allowed ? 'met'
      : `missed: ${(rth.pauseP99Ms / rth.p99Ms).toFixed(2)}× the p99 before (${f.fmt(rth.pauseP99Ms - rth.p99Ms, 1)} ms higher; allowed ${f.fmt(allowed, 1)} ms)`];
  })();

  return [
    latency,
    ratioGoal(`bytes per watcher per second ≤ ${BYTES_RATIO}× Socket.IO's`, 'bytesPerWatcherPerSec', BYTES_RATIO, ' B', 0),
    ratioGoal(`server CPU (both nodes) ≤ ${CPU_RATIO}× Socket.IO's`, 'serverCpu', CPU_RATIO, ' cores', 2),
    memory,
    others,
  ];
}

const signedMib = (bytes, f) => (typeof bytes === 'number' ? `${bytes >= 0 ? '+' : '−'}${f.fmt(Math.abs(bytes) / 1048576, 1)} MiB` : '–');

/** The figures behind the goals, per stack. */
function figuresTable(rth, sio, f) {
  const row = (metric, get, digits = 0, unit = '') => {
    const [a, b] = [rth, sio].map((r) => (r ? get(r) : null));
    const show = (v) => (typeof v === 'number' ? `${f.fmt(v, digits)}${unit}` : v ?? '–');
    return [metric, show(a), show(b), typeof a === 'number' && typeof b === 'number' ? f.ratioCell(b ? a / b : null) : '–'];
  };
  const rows = [
    row('latency p50', (r) => r.p50Ms, 1, ' ms'),
    row('latency p99', (r) => r.p99Ms, 1, ' ms'),
    row('latency p99.9', (r) => r.p999Ms, 1, ' ms'),
    row('updates received per watcher per s', (r) => r.updatesPerWatcherPerSec, 1),
    row('updates published per s for a watcher\'s 20 instruments', (r) => r.publishedPerWatcherPerSec, 1),
    row('bytes received per watcher per s', (r) => r.bytesPerWatcherPerSec),
    row('server CPU, both nodes (cores)', (r) => r.serverCpu, 2),
    row('generator CPU (cores)', (r) => r.loadgenCpu, 2),
    row('node RSS, both nodes', (r) => (typeof r.rssBytes === 'number' ? r.rssBytes / 1048576 : null), 1, ' MiB'),
    row('updates sent / accepted in the window', (r) => `${f.fmt(r.sent)} / ${f.fmt(r.acked)}`),
    row('failed publish requests, watches ended', (r) => `${f.fmt(r.errors)}, ${f.fmt(r.watchErrors)}`),
    row('publisher timer lag p99', (r) => r.sendLagP99Ms, 1, ' ms'),
    row('pause: others\' p50 / p99 during it', (r) => `${f.fmt(r.pauseP50Ms, 1)} / ${f.fmt(r.pauseP99Ms, 1)} ms`),
    row('pause: paused node RSS at start → end (peak)', (r) =>
      `${f.mib(r.pauseRssBeforeBytes)} → ${f.mib(r.pauseRssAfterBytes)} (${f.mib(r.pauseRssPeakBytes)})`),
    row('pause: bytes the kernel held for the paused connection at its end', (r) => r.pausedKernelQueuedBytes),
    row('pause: paused connection closed by the server', (r) => (typeof r.pausedClosed === 'boolean' ? (r.pausedClosed ? 'yes' : 'no') : null)),
    row('after resuming: ms until a value younger than 150 ms', (r) => (r.pausedCatchUpMs ?? 'never')),
    row('after resuming: bytes read meanwhile', (r) => r.pausedBytesAfterResume),
  ];
  return f.table(['metric', 'RealtimeHub', 'Socket.IO', 'ratio'], rows);
}

/** The whole section, from the run's feeds records; `run` is { name, machine }. */
function feedsSection(records, run, f) {
  const [rth, sio] = ['realtimehub', 'socketio'].map((stack) => records.find((r) => r.stack === stack && r.scenario === 'feeds'));
  const any = rth ?? sio;
  const m = run.machine;
  const setup = any
    ? `${f.fmt(any.connections)} watchers over ${f.fmt(any.nodes)} nodes and Redis, each watching ${any.keysPerWatcher} of ${f.fmt(any.instruments)} instruments `
      + `at ${any.maxPerSecond} per second, while a service publishes ${f.fmt(any.rate)} updates/s (${f.fmt(any.rate / any.instruments)} per instrument) `
      + `in ${any.batchesPerSec} batches a second; ${f.fmt(any.warmUpMs / 1000)} s warm-up, a ${f.fmt(any.durationMs / 1000)} s window, `
      + `then one watcher stops reading for ${f.fmt(any.pauseMs / 1000)} s.`
    : 'Not measured in this run (`bench/run.sh --scenarios feeds` measures it alone).';
  const goals = feedsGoals(rth, sio, f);
  const met = goals.filter((g) => g[3].startsWith('met')).length;
  const section = `${HEADING} (issue 19)

Run \`${run.name}\` (\`bench/run.sh${m.quick ? ' --quick' : ''}\`${m.commit ? `, commit \`${m.commit}\`` : ''}, ${m.startedAt ?? '–'}, load average at start ${m.loadAvgAtStart ?? '–'}; ${m.layout ?? ''}).
${setup}
RealtimeHub: each watcher runs \`Watch("quotes", keys, 2)\` on \`/hubs/live\` (raw WebSockets, JSON protocol) and the service
posts to \`/api/v1/feeds/quotes/updates\`. Socket.IO: each watcher joins its instruments' rooms and the peer's
\`POST /feeds/quotes/updates\` emits every update to its room through the Redis adapter, as a Socket.IO app forwards
ticks. Latency runs from the publisher's scheduled send (its clock time is in each value) to receipt; bytes are what
the watchers' sockets read, frame headers included. A stack whose generator used ≥ 0.9 of a core measured the
generator as much as the server: its comparisons get no verdict.${m.quick && any ? ' **Quick run**: fewer watchers and a lower publish rate than the issue\'s 5,000 and 10,000/s, the same load per watcher and per instrument, a shorter pause.' : ''}

${f.table(['goal (issue 19)', 'RealtimeHub', 'Socket.IO', 'verdict'], goals)}

${figuresTable(rth, sio, f)}
`;
  return { section, met, goals: goals.length, measured: Boolean(rth) };
}

module.exports = { feedsSection, GOAL_P99_MS, HEADING };
