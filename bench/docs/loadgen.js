'use strict';
// The docs scenario's generator (issue 20), for RealtimeHub (`--stack realtimehub`: /hubs/docs through @microsoft/signalr)
// and for the Hocuspocus peer (`--stack hocuspocus`: @hocuspocus/provider). Editors type real Yjs updates (yjs 13.6.33,
// one Y.Text insert per keystroke). One JSON line per variant on stdout (schema in bench/README.md), progress on stderr:
//   many  RealtimeHub only: D documents × E editors over the nodes and Redis; latency, CPU, Redis memory per document
//         before and after compaction, then the reconnect of an editor that was away for 1,000 updates;
//   one   both stacks: one document × E editors, every editor applying every update as a provider does.
//
//   node loadgen.js --stack realtimehub|hocuspocus --scenario docs --server URL [--server URL2] [--pid PID]...
//        [--redis redis://HOST:PORT] [--quick] [--documents D] [--editors E] [--step-seconds S] [--warmup-seconds S]
//        [--away-updates N] [--variant many|one]
//   SIGNING_KEY must hold the servers' HS256 key.
const os = require('node:os');
const { totalRssBytes, rssBytes } = require('../socketio/lib/procstats');
const { warmUpMs, sleep } = require('../socketio/lib/load');
const { Workload } = require('./lib/workload');
const { Compactions } = require('./lib/compaction');
const { reconnectProbe, converged } = require('./lib/reconnect');

const CPS = 5;
const GOAL_P99_MS = 100;
const REPEATABLE = new Set(['server', 'pid']);
const EDITORS = {
  realtimehub: () => require('./lib/realtimehub-editor').RealtimeHubEditor,
  hocuspocus: () => require('./lib/hocuspocus-editor').HocuspocusEditor,
};

function parseArgs(argv) {
  const opts = { server: [], pid: [] };
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    const name = argv[i].slice(2);
    const value = i + 1 < argv.length && !argv[i + 1].startsWith('--') ? argv[++i] : true;
    if (REPEATABLE.has(name)) opts[name].push(value);
    else opts[name] = value;
  }
  return opts;
}

function contextOf(opts) {
  const stack = opts.stack ?? 'realtimehub';
  if (!EDITORS[stack]) throw new Error(`--stack must be one of ${Object.keys(EDITORS).join(', ')}`);
  if ((opts.scenario ?? 'docs') !== 'docs') throw new Error('this generator runs --scenario docs only');
  if (opts.server.length === 0) throw new Error('at least one --server is required');
  const signingKey = process.env.SIGNING_KEY;
  if (!signingKey) throw new Error('SIGNING_KEY is required');
  const quick = opts.quick === true;
  const number = (name, fallback) => (opts[name] === undefined ? fallback : Number(opts[name]));
  const windowMs = number('step-seconds', quick ? 10 : 30) * 1000;
  return {
    stack, quick, signingKey, servers: opts.server, pids: opts.pid.map(Number), redisUrl: opts.redis ?? null,
    variants: opts.variant ? [opts.variant] : stack === 'realtimehub' ? ['many', 'one'] : ['one'],
    sizes: {
      documents: number('documents', quick ? 10 : 50), editors: number('editors', 20), windowMs,
      warmUpMs: opts['warmup-seconds'] === undefined ? warmUpMs(windowMs) : Number(opts['warmup-seconds']) * 1000,
      awayUpdates: number('away-updates', 1000),
    },
    Editor: EDITORS[stack](),
    log: (message) => process.stderr.write(`[${stack} docs] ${message}\n`),
    emit(fields) {
      process.stdout.write(`${JSON.stringify({
        schema: 'realtimehub-bench/1', stack, scenario: 'docs', step: 0, quick, timestamp: new Date().toISOString(),
        loadgen: `docs-loadgen node ${process.version}`, host: os.hostname(), ...fields,
      })}\n`);
    },
  };
}

/** One variant: connect, warm up, measure a window (and, for `many`, the compactions and the reconnect). */
async function runVariant(ctx, variant) {
  const many = variant === 'many';
  const documents = many ? ctx.sizes.documents : 1;
  const compactions = new Compactions({ redisUrl: ctx.stack === 'realtimehub' ? ctx.redisUrl : null, log: ctx.log,
    keeperOf: (editor) => workload.editor(Math.floor(editor.index / ctx.sizes.editors), 0) });
  // In `many` only each document's keeper (editor 0) and the editor that will reconnect (document 0's editor 1) apply
  // every update; the others only measure. In `one` every editor applies every update, as the Hocuspocus provider does.
  const workload = new Workload(ctx, {
    Editor: ctx.Editor, documents, editorsPerDoc: ctx.sizes.editors, cps: CPS, docPrefix: `${variant}-${Date.now().toString(36)}`,
    isFull: (d, e) => !many || e === 0 || (d === 0 && e === 1),
    onSnapshotRequested: (editor, upTo) => compactions.answer(editor, upTo),
  });
  await workload.connect();
  workload.startTyping();
  ctx.log(`${variant}: typing ${workload.editors.length * CPS} keystrokes/s; warm-up ${ctx.sizes.warmUpMs / 1000} s`);
  await sleep(ctx.sizes.warmUpMs);
  compactions.measuring = many;
  const redisCpuBefore = await compactions.cpuSeconds();
  const window = await workload.measure(ctx.sizes.windowMs);
  const redisCpuAfter = await compactions.cpuSeconds();
  compactions.measuring = false;
  window.redisCpu = redisCpuBefore === null || redisCpuAfter === null ? null
    : Math.round(((redisCpuAfter - redisCpuBefore) / (window.durationMs / 1000)) * 100) / 100;
  const nodeRss = ctx.pids.map(rssBytes);
  const usedMemory = await compactions.usedMemory();
  ctx.log(`${variant}: p50 ${window.latency.p50Ms} p99 ${window.latency.p99Ms} ms over ${window.deliveries} deliveries, `
    + `cpu server ${window.serverCpu} gen ${window.loadgenCpu}, ${compactions.accepted} compactions`);
  const reconnect = many && ctx.stack === 'realtimehub'
    ? await reconnectProbe({ editor: workload.editor(0, 1), keeper: workload.editor(0, 0), compactions, awayUpdates: ctx.sizes.awayUpdates, log: ctx.log })
    : null;
  workload.stopTyping();
  const same = reconnect ? await converged(workload.editor(0, 1), workload.editor(0, 0)) : null;
  ctx.emit(record(ctx, variant, workload, window, compactions, { nodeRss, usedMemory, reconnect, same }));
  await workload.close();
  compactions.close();
}

const median = (values) => {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};

/** The median of each key's bytes over the weighings: { suffix: bytes }, or null when none. */
const perKey = (weighings) => (weighings.length
  ? Object.fromEntries(Object.keys(weighings[0]).map((k) => [k, median(weighings.map((x) => x[k]))])) : null);

function record(ctx, variant, workload, window, compactions, extra) {
  const w = compactions.weighed;
  const seconds = window.durationMs / 1000;
  return {
    variant, nodes: ctx.servers.length, documents: workload.documents, editorsPerDoc: workload.editorsPerDoc,
    connections: workload.editors.length, charsPerSecond: CPS, rate: workload.editors.length * CPS,
    warmUpMs: ctx.sizes.warmUpMs, durationMs: window.durationMs, sent: window.sent, acked: window.acked, errors: window.errors,
    ...window.latency, deliveriesPerSec: Math.round(window.deliveries / seconds),
    expectedDeliveriesPerSec: Math.round((window.sent * (workload.editorsPerDoc - 1)) / seconds),
    sendLagP99Ms: window.sendLagP99Ms, serverCpu: window.serverCpu, loadgenCpu: window.loadgenCpu, redisCpu: window.redisCpu,
    rssBytes: extra.nodeRss.includes(null) ? null : extra.nodeRss.reduce((a, b) => a + b, 0), nodeRssBytes: extra.nodeRss,
    snapshotRequests: ctx.stack === 'realtimehub' ? compactions.requested : null,
    compactions: ctx.stack === 'realtimehub' ? compactions.accepted : null,
    snapshotsRefused: ctx.stack === 'realtimehub' ? compactions.refused + compactions.unanswered : null,
    redisMemorySamples: w.length || null,
    redisDocBytesBefore: median(w.map((x) => x.before.total)), redisDocBytesAfter: median(w.map((x) => x.after.total)),
    redisLogBytesBefore: median(w.map((x) => x.before.log)), redisLogBytesAfter: median(w.map((x) => x.after.log)),
    redisKeyBytesBefore: perKey(w.map((x) => x.before.keys)), redisKeyBytesAfter: perKey(w.map((x) => x.after.keys)),
    snapshotBytes: median(w.map((x) => x.snapshotBytes)), redisUsedMemoryBytes: extra.usedMemory,
    ...(extra.reconnect ?? {}), reconnectConverged: extra.same,
    goalP99Ms: GOAL_P99_MS, ok: window.latency.p99Ms !== null && window.latency.p99Ms < GOAL_P99_MS && window.errors === 0,
  };
}

async function main() {
  const ctx = contextOf(parseArgs(process.argv.slice(2)));
  for (const variant of ctx.variants) await runVariant(ctx, variant);
  ctx.log(`servers' RSS at the end: ${totalRssBytes(ctx.pids)} B`);
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(`docs loadgen failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
