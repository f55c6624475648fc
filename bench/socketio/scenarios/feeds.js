'use strict';
// (7) feeds (issue 19), the Socket.IO way: watchers on every --server, each joining the rooms of 20 instruments
// (`quotes.SYM042`), while a service publishes every 10 ms through the peer's POST /feeds/quotes/updates, which emits
// every update to its instrument's room through the Redis adapter. After a warm-up: one measured window (latency from
// the scheduled publish to receipt, bytes and updates per watcher per second, server CPU, RSS), then one watcher stops
// reading for the pause while the others are measured again, then it reads again. One record per run, the same fields
// as Hub.Cli's (Hub.Cli/Bench/Scenarios/Feeds*.cs); bench/report.js judges the goals.
const http = require('node:http');
const { SioClient } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');
const { Histogram } = require('../lib/histogram');
const { CpuMeter, rssBytes, tcpQueuedBytes } = require('../lib/procstats');
const { inParallel, sleep, waitUntil, warmUpMs, performance } = require('../lib/load');
const feeds = require('../lib/feeds');

const GOAL_P99_MS = 150;
const PAUSED = 0;
const UPDATE_EVENT = Buffer.from('42["update"');

/** The sizes run.sh passes (defaults as Hub.Cli's FeedsSizes). */
function sizesOf(ctx) {
  const windowMs = ctx.number('step-seconds', ctx.quick ? 10 : 30) * 1000;
  return {
    watchers: ctx.number('connections', ctx.quick ? 1000 : 5000),
    instruments: ctx.number('instruments', ctx.quick ? 100 : 500),
    rate: ctx.number('rate', ctx.quick ? 2000 : 10000),
    warmUpMs: ctx.opts['warmup-seconds'] === undefined ? warmUpMs(windowMs) : Number(ctx.opts['warmup-seconds']) * 1000,
    windowMs,
    pauseMs: ctx.number('pause-seconds', ctx.quick ? 20 : 60) * 1000,
    resumeMs: ctx.quick ? 5000 : 10000,
  };
}

async function run(ctx) {
  const sizes = sizesOf(ctx);
  const apiKey = ctx.opts['api-key'] ?? process.env.BENCH_API_KEY;
  if (!apiKey) throw new Error('feeds publishes through the peer\'s HTTP route: give --api-key or set BENCH_API_KEY');
  const state = { window: null, resumedAt: 0, caughtUpAt: 0, closed: 0, ending: false };
  const watchers = await connect(ctx, sizes, state);
  const publisher = new Publisher(ctx.servers, apiKey, sizes, ctx.log);
  publisher.start();
  ctx.log(`publishing ${sizes.rate}/s; warm-up ${sizes.warmUpMs / 1000} s`);
  await sleep(sizes.warmUpMs);

  const others = watchers.slice(1);
  const steady = await measure(ctx, state, others, publisher, sizes.windowMs);
  const nodeRss = ctx.pids.map(rssBytes);
  const perWatcher = (total) => total / others.length / (steady.durationMs / 1000);
  ctx.log(`steady: p50 ${steady.latency.p50Ms} p99 ${steady.latency.p99Ms} ms, ${Math.round(perWatcher(steady.bytes))} B and `
    + `${perWatcher(steady.updates).toFixed(1)} updates per watcher per s, cpu server ${steady.serverCpu} gen ${steady.loadgenCpu}`);

  const pause = await pauseOne(ctx, state, watchers[PAUSED], others, publisher, sizes);
  const mib = (b) => (b === null ? '–' : (b / 1048576).toFixed(1));
  ctx.log(`pause: others' p99 ${pause.others.latency.p99Ms} ms, paused node RSS ${mib(pause.rssBefore)} → ${mib(pause.rssAfter)} MiB `
    + `(peak ${mib(pause.rssPeak)}), kernel held ${pause.kernelQueued} B, caught up after ${pause.catchUpMs} ms${pause.closed ? ', closed by the server' : ''}`);

  publisher.stop();
  await waitUntil(() => publisher.inFlight === 0, 3000);
  state.ending = true;
  ctx.emit(record(ctx, sizes, steady, pause, nodeRss, publisher, state.closed));
  for (const watcher of watchers) watcher.close();
  await sleep(300);
}

/** Connects every watcher (round-robin over the nodes) and joins its 20 rooms. */
async function connect(ctx, sizes, state) {
  const watchers = await inParallel(sizes.watchers, 100, async (i) => {
    const client = new SioClient(ctx.servers[i % ctx.servers.length], mintToken(`feed${i}`, ctx.signingKey),
      (frame) => onUpdate(state, i, frame), { raw: true });
    await client.connect();
    // The paused watcher's fate is reported on its own (pausedClosed).
    client.onClose = () => {
      if (i !== PAUSED && !state.ending && state.closed++ === 0) ctx.log(`watcher ${i} was disconnected`);
    };
    await Promise.all(feeds.watcherInstruments(i, sizes.instruments).map((k) => client.call('join', [`${feeds.FEED}.${feeds.instrument(k)}`])));
    return client;
  });
  ctx.log(`${sizes.watchers} watchers on ${ctx.servers.length} node(s), ${feeds.KEYS_PER_WATCHER} of ${sizes.instruments} instruments each (every update forwarded)`);
  return watchers;
}

// Runs for every update frame: one update per frame.
function onUpdate(state, watcher, frame) {
  if (frame.compare(UPDATE_EVENT, 0, UPDATE_EVENT.length, 0, UPDATE_EVENT.length) !== 0) return;
  const t = feeds.timestampOf(frame);
  if (t === null) return;
  const latencyMs = performance.now() - t;
  if (watcher === PAUSED) {
    if (state.resumedAt && !state.caughtUpAt && latencyMs < GOAL_P99_MS) state.caughtUpAt = performance.now();
  } else if (state.window) {
    state.window.latency.recordMs(latencyMs);
  }
}

/** One measured window over `others`: latency, bytes, updates, CPU, the publisher's sent and accepted updates. */
async function measure(ctx, state, others, publisher, durationMs) {
  const bytesRead = () => others.reduce((sum, c) => sum + c.bytesRead, 0);
  const window = { latency: new Histogram() };
  const [bytes, sent, accepted, cpu, started] = [bytesRead(), publisher.sent, publisher.accepted, new CpuMeter(ctx.pids), performance.now()];
  state.window = window;
  await sleep(durationMs);
  state.window = null;
  const usage = cpu.read();
  return {
    durationMs: performance.now() - started, latency: window.latency.summary(), ...usage, bytes: bytesRead() - bytes,
    updates: window.latency.count, sent: publisher.sent - sent, accepted: publisher.accepted - accepted,
  };
}

/** Stops reading one watcher for the pause while the others are measured, then reads it again until it is fresh. */
async function pauseOne(ctx, state, paused, others, publisher, sizes) {
  const rss = (node) => (node < ctx.pids.length ? rssBytes(ctx.pids[node]) : null);
  const [rssBefore, controlBefore] = [rss(0), rss(1)];
  let rssPeak = rssBefore;
  paused.pause();
  let done = false;
  const measuring = measure(ctx, state, others, publisher, sizes.pauseMs).then((r) => { done = true; return r; });
  while (!done) {
    await Promise.race([measuring, sleep(1000)]);
    const now = rss(0);
    if (now !== null) rssPeak = Math.max(rssPeak ?? now, now);
  }
  const othersWindow = await measuring;
  const [rssAfter, controlAfter] = [rss(0), rss(1)];
  const kernelQueued = tcpQueuedBytes(paused.localPort, Number(new URL(ctx.servers[0]).port));
  const bytesAtResume = paused.bytesRead;
  state.resumedAt = performance.now();
  paused.resume();
  await waitUntil(() => state.caughtUpAt !== 0, sizes.resumeMs);
  const closed = !paused.connected; // a close shows only once the queued bytes are read, so only after resuming
  return {
    others: othersWindow, rssBefore, rssPeak, rssAfter, controlBefore, controlAfter, kernelQueued, closed,
    catchUpMs: state.caughtUpAt ? Math.round(state.caughtUpAt - state.resumedAt) : null, bytesAfterResume: paused.bytesRead - bytesAtResume,
  };
}

/**
 * The service that publishes: every 10 ms, open loop, a POST with the updates due, to the nodes in turn, over at most 32
 * connections per node as Hub.Cli's: a node that falls behind makes requests queue here, their values keeping their
 * scheduled time.
 */
class Publisher {
  constructor(servers, apiKey, sizes, log) {
    this.targets = servers.map((s) => new URL(`/feeds/${feeds.FEED}/updates`, s));
    this.apiKey = apiKey;
    this.sizes = sizes;
    this.log = log;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
    this.sent = this.accepted = this.failedRequests = this.inFlight = 0;
    this.lag = new Histogram();
    this.stopped = false;
  }

  start() {
    const interval = 1000 / feeds.BATCHES_PER_SECOND;
    const start = performance.now();
    let [batch, update] = [0, 0];
    const tick = () => {
      if (this.stopped) return;
      const now = performance.now();
      for (let at = start + batch * interval; at <= now; at = start + batch * interval) {
        this.lag.recordMs(now - at);
        const size = feeds.batchSize(batch, this.sizes.rate);
        this.post(this.targets[batch % this.targets.length], update, size, at);
        update += size;
        batch++;
      }
      setTimeout(tick, Math.max(1, start + batch * interval - performance.now())); // never spin, as openLoop
    };
    tick();
  }

  stop() {
    this.stopped = true;
  }

  post(target, first, size, tMs) {
    if (size === 0) return;
    const entries = [];
    for (let i = 0; i < size; i++) entries.push(feeds.updateJson(first + i, this.sizes.instruments, tMs));
    const body = Buffer.from(`{"updates":[${entries.join(',')}]}`);
    this.sent += size;
    this.inFlight++;
    let answered = false;
    const answer = (accepted, why) => {
      if (answered) return; // an error after the answer changes nothing
      answered = true;
      this.inFlight--;
      if (accepted) this.accepted += size;
      else this.failed(why);
    };
    const request = http.request(target, {
      method: 'POST', agent: this.agent,
      headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-api-key': this.apiKey },
    }, (res) => {
      res.resume();
      res.on('end', () => answer(res.statusCode === 202, `HTTP ${res.statusCode}`));
    });
    request.on('error', (err) => answer(false, err.message));
    request.end(body);
  }

  failed(why) {
    if (this.failedRequests++ === 0) this.log(`first failed publish: ${why}`);
  }
}

function record(ctx, sizes, steady, pause, nodeRss, publisher, closed) {
  const others = sizes.watchers - 1;
  const seconds = steady.durationMs / 1000;
  const round = (v, d = 0) => (v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d);
  const minus = (a, b) => (a === null || b === null ? null : a - b);
  return {
    nodes: ctx.servers.length, connections: sizes.watchers, instruments: sizes.instruments,
    keysPerWatcher: feeds.KEYS_PER_WATCHER, maxPerSecond: feeds.MAX_PER_SECOND, rate: sizes.rate, batchesPerSec: feeds.BATCHES_PER_SECOND,
    warmUpMs: sizes.warmUpMs, durationMs: round(steady.durationMs), sent: steady.sent, acked: steady.accepted, errors: publisher.failedRequests,
    ...steady.latency,
    updatesPerWatcherPerSec: round(steady.updates / others / seconds, 2),
    publishedPerWatcherPerSec: round(((steady.accepted / seconds) * feeds.KEYS_PER_WATCHER) / sizes.instruments, 2),
    bytesPerWatcherPerSec: round(steady.bytes / others / seconds),
    sendLagP99Ms: publisher.lag.percentileMs(99), serverCpu: steady.serverCpu, loadgenCpu: steady.loadgenCpu,
    rssBytes: nodeRss.includes(null) ? null : nodeRss.reduce((a, b) => a + b, 0), nodeRssBytes: nodeRss,
    pauseMs: round(pause.others.durationMs), pauseP50Ms: pause.others.latency.p50Ms, pauseP99Ms: pause.others.latency.p99Ms,
    pauseP999Ms: pause.others.latency.p999Ms, pauseSamples: pause.others.latency.samples,
    pauseServerCpu: pause.others.serverCpu, pauseLoadgenCpu: pause.others.loadgenCpu,
    pauseRssBeforeBytes: pause.rssBefore, pauseRssPeakBytes: pause.rssPeak, pauseRssAfterBytes: pause.rssAfter,
    pauseRssGrowthBytes: minus(pause.rssAfter, pause.rssBefore), pauseRssPeakGrowthBytes: minus(pause.rssPeak, pause.rssBefore),
    pauseControlRssGrowthBytes: minus(pause.controlAfter, pause.controlBefore),
    pausedKernelQueuedBytes: pause.kernelQueued, pausedCatchUpMs: pause.catchUpMs, pausedBytesAfterResume: pause.bytesAfterResume,
    pausedClosed: pause.closed, watchErrors: closed, goalP99Ms: GOAL_P99_MS,
    ok: steady.latency.p99Ms !== null && steady.latency.p99Ms < GOAL_P99_MS && publisher.failedRequests === 0 && closed === 0,
  };
}

module.exports = { run, GOAL_P99_MS, sizesOf };
