#!/usr/bin/env node
'use strict';
// One step of the game scenario (issue 21; lib/game.sh runs it): the bots (`Hub.Cli bots --json --progress`, the command
// after `--`) play on two fresh nodes, and this measures the servers around the bots' window: each node's /stats `games`
// (ticks, late and skipped ticks, tick percentiles), its CPU and RSS (/proc), Redis's `total_commands_processed` and CPU
// (INFO), the bots' own CPU. It prints one realtimehub-bench/1 record (fields in bench/README.md) and exits 0 when the step
// held (no late or skipped tick, every player seated, the generator below 0.9 of a core), 10 when it reached a limit (the
// record's `limit` says which), 1 when it failed.
//
//   node bench/lib/game-step.js --server URL --pid PID --server URL --pid PID --redis-port PORT --players N
//     --protocol json|messagepack --variant json|messagepack|ladder --step K --warmup S --window S [--quick] -- BOTS_CMD...
const fs = require('node:fs');
const { spawn, execFileSync } = require('node:child_process');
const readline = require('node:readline');

const GENERATOR_BOUND = 0.9;
/** The bots measure a little longer than the servers' window, so the servers' window lies inside theirs. */
const BOT_WINDOW_EXTRA_S = 2;
/** The load: matches of 8, 20 ticks/s, 10 deltas/s (the server's defaults, Games:*), 10 inputs/s per bot. */
const LOAD = { seatsPerMatch: 8, tickRate: 20, statesPerSecond: 10, inputRate: 10 };
const EXIT = { held: 0, limit: 10, failed: 1 };

/** utime + stime (clock ticks) from /proc/<pid>/stat; the command name may hold spaces, so fields count after its ")". */
function parseProcStat(text) {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Bytes of VmRSS from /proc/<pid>/status. */
function parseRss(text) {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : null;
}

/** `total_commands_processed` and CPU seconds (user + sys, the server's threads) from Redis INFO. */
function parseRedisInfo(text) {
  const field = (name) => {
    const m = new RegExp(`^${name}:([0-9.]+)`, 'm').exec(text);
    return m ? Number(m[1]) : null;
  };
  const [user, sys] = [field('used_cpu_user'), field('used_cpu_sys')];
  return { commands: field('total_commands_processed'), cpuSeconds: user === null || sys === null ? null : user + sys };
}

/** The bots' arguments after the command: both nodes, the load, a warm-up, and a window the servers' lies inside. */
function botsArgs({ servers, players, protocol, warmupS, windowS }) {
  return [...servers.flatMap((url) => ['--url', url]), '--count', String(players), '--kind', 'arena', '--protocol', protocol,
    '--input-rate', String(LOAD.inputRate), '--warmup', String(warmupS), '--duration', String(windowS + BOT_WINDOW_EXTRA_S),
    '--json', '--progress'];
}

const sum = (xs) => (xs.some((x) => typeof x !== 'number') ? null : xs.reduce((a, b) => a + b, 0));
const max = (xs) => (xs.some((x) => typeof x !== 'number') ? null : Math.max(...xs));
const round = (x, digits = 3) => (typeof x === 'number' && Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/**
 * The step's record from the snapshots: `idle` (nodes started, no bot yet), `before` and `after` (the servers' window),
 * each { atMs, nodes: [{ cpuTicks, rssBytes, games }], redis: { commands, cpuSeconds }, generatorCpuTicks }; `summary`
 * the bots' summary line (or null); `meta` what was asked for.
 */
function gameRecord({ idle, before, after, summary, meta, clockTicks = 100 }) {
  const seconds = before && after ? (after.atMs - before.atMs) / 1000 : null;
  const nodeDelta = (get) => (before && after ? after.nodes.map((n, i) => {
    const [a, b] = [get(before.nodes[i]), get(n)];
    return typeof a === 'number' && typeof b === 'number' ? b - a : null;
  }) : [null, null]);
  const cores = (ticks) => (typeof ticks === 'number' && seconds ? round(ticks / clockTicks / seconds) : null);
  const nodeTicks = nodeDelta((n) => n.games?.ticks);
  const ticks = sum(nodeTicks);
  const lateTicks = sum(nodeDelta((n) => n.games?.lateTicks));
  const skippedTicks = sum(nodeDelta((n) => n.games?.skippedTicks));
  const nodeCpu = nodeDelta((n) => n.cpuTicks).map(cores);
  const serverCpu = sum(nodeCpu) === null ? null : round(sum(nodeCpu));
  const nodeRssBytes = after ? after.nodes.map((n) => n.rssBytes) : [null, null];
  const rssBytes = sum(nodeRssBytes);
  const idleRssBytes = idle ? sum(idle.nodes.map((n) => n.rssBytes)) : null;
  const atEnd = (field) => (after ? after.nodes.map((n) => n.games?.[field] ?? null) : [null, null]);
  const serverMatches = sum(atEnd('matches'));
  const matches = serverMatches || summary?.matches || null;
  const redisCommands = before && after && typeof after.redis.commands === 'number' && typeof before.redis.commands === 'number'
    ? after.redis.commands - before.redis.commands : null;
  const redisCpu = before && after && typeof after.redis.cpuSeconds === 'number' && typeof before.redis.cpuSeconds === 'number' && seconds
    ? round((after.redis.cpuSeconds - before.redis.cpuSeconds) / seconds) : null;
  const loadgenCpu = before && after ? cores(after.generatorCpuTicks - before.generatorCpuTicks) : null;
  const latency = summary?.inputToDelta ?? {};
  const record = {
    schema: 'realtimehub-bench/1', stack: 'realtimehub', scenario: 'game', variant: meta.variant, step: meta.step,
    quick: Boolean(meta.quick), timestamp: new Date().toISOString(), loadgen: 'Hub.Cli bots', nodes: meta.servers.length,
    connections: meta.players, players: meta.players, protocol: meta.protocol, rate: meta.players, ...LOAD,
    warmUpMs: meta.warmupS * 1000, durationMs: seconds === null ? null : Math.round(seconds * 1000),
    botWindowMs: typeof summary?.windowSeconds === 'number' ? Math.round(summary.windowSeconds * 1000) : null,
    seated: summary?.seated ?? null, connected: summary?.connected ?? null, matches, botMatches: summary?.matches ?? null,
    serverMatches, serverSeats: sum(atEnd('seats')),
    ticks, lateTicks, skippedTicks, nodeTicks, nodeLateTicks: nodeDelta((n) => n.games?.lateTicks),
    nodeTickP50Ms: atEnd('tickP50Ms'), nodeTickP99Ms: atEnd('tickP99Ms'), nodeTickMaxMs: atEnd('tickMaxMs'),
    tickP50Ms: max(atEnd('tickP50Ms')), tickP99Ms: max(atEnd('tickP99Ms')), tickMaxMs: max(atEnd('tickMaxMs')),
    p50Ms: latency.p50Ms ?? null, p99Ms: latency.p99Ms ?? null, p999Ms: latency.p999Ms ?? null, maxMs: latency.maxMs ?? null,
    meanMs: latency.meanMs ?? null, samples: latency.samples ?? null,
    inputsSent: summary?.inputsSent ?? null, statesPerPlayerPerSecond: summary?.statesPerPlayerPerSecond ?? null,
    bytesReceived: summary?.bytesReceived ?? null, bytesPerPlayerPerSecond: summary?.bytesPerPlayerPerSecond ?? null,
    serverCpu, nodeCpu, rssBytes, nodeRssBytes, idleRssBytes,
    cpuPerMatch: serverCpu !== null && matches ? round(serverCpu / matches, 6) : null,
    rssPerMatchBytes: rssBytes !== null && idleRssBytes !== null && matches ? Math.round((rssBytes - idleRssBytes) / matches) : null,
    redisCommands, redisCommandsPerSec: redisCommands !== null && seconds ? round(redisCommands / seconds, 1) : null,
    redisCommandsPerTick: redisCommands !== null && ticks ? round(redisCommands / ticks, 2) : null, redisCpu,
    loadgenCpu, errors: summary?.errors ?? null, lastError: summary?.lastError ?? null,
  };
  record.limit = stepLimit(record);
  return record;
}

/**
 * Why a step ends the ladder, or null when it held: `failed` (no window or nobody seated), `server` (a late or skipped
 * tick, whatever the generator did: the servers fell behind at a load no higher than asked), `generator` (≥ 0.9 of a core),
 * `seats` (not every player seated).
 */
function stepLimit(r) {
  if (r.durationMs === null || !r.seated) return 'failed';
  if (r.lateTicks > 0 || r.skippedTicks > 0) return 'server';
  if (typeof r.loadgenCpu === 'number' && r.loadgenCpu >= GENERATOR_BOUND) return 'generator';
  if (r.seated < r.players) return 'seats';
  return null;
}

function parseArgs(argv) {
  const dash = argv.indexOf('--');
  const [own, bots] = dash < 0 ? [argv, []] : [argv.slice(0, dash), argv.slice(dash + 1)];
  const opts = { servers: [], pids: [], quick: false, bots };
  for (let i = 0; i < own.length; i++) {
    const [name, value] = [own[i], own[i + 1]];
    if (name === '--quick') { opts.quick = true; continue; }
    i++;
    if (name === '--server') opts.servers.push(value);
    else if (name === '--pid') opts.pids.push(Number(value));
    else if (name === '--redis-port') opts.redisPort = value;
    else if (name === '--players') opts.players = Number(value);
    else if (name === '--protocol') opts.protocol = value;
    else if (name === '--variant') opts.variant = value;
    else if (name === '--step') opts.step = Number(value);
    else if (name === '--warmup') opts.warmupS = Number(value);
    else if (name === '--window') opts.windowS = Number(value);
    else throw new Error(`unknown argument: ${name}`);
  }
  if (!bots.length || !opts.servers.length || opts.servers.length !== opts.pids.length || !opts.redisPort || !(opts.players > 0)
    || !opts.protocol || !opts.variant || !(opts.windowS > 0) || !(opts.warmupS >= 0)) {
    throw new Error('usage: game-step.js --server URL --pid PID ... --redis-port PORT --players N --protocol P --variant V --step K --warmup S --window S [--quick] -- BOTS_CMD...');
  }
  return opts;
}

const readProc = (pid, file) => fs.readFileSync(`/proc/${pid}/${file}`, 'utf8');

async function snapshot(opts, generatorPid) {
  const atMs = performance.now();
  const nodes = await Promise.all(opts.servers.map(async (url, i) => {
    let games = null;
    try {
      const res = await fetch(new URL('/stats', url), { signal: AbortSignal.timeout(5000) });
      games = (await res.json()).games ?? null;
    } catch (err) {
      console.error(`[game] /stats of ${url}: ${err.message}`);
    }
    return { cpuTicks: parseProcStat(readProc(opts.pids[i], 'stat')), rssBytes: parseRss(readProc(opts.pids[i], 'status')), games };
  }));
  const redis = parseRedisInfo(execFileSync('redis-cli', ['-p', opts.redisPort, 'info'], { encoding: 'utf8' }));
  const generatorCpuTicks = generatorPid ? parseProcStat(readProc(generatorPid, 'stat')) : null;
  return { atMs, nodes, redis, generatorCpuTicks };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const idle = await snapshot(opts, null);
  const bots = spawn(opts.bots[0], [...opts.bots.slice(1), ...botsArgs(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let before = null;
  let after = null;
  let summary = null;
  let windowDone = null;
  const lines = readline.createInterface({ input: bots.stdout });
  lines.on('line', (line) => {
    let parsed;
    try { parsed = JSON.parse(line); } catch { console.error(line); return; }
    if (parsed.type === 'summary') { summary = parsed; return; }
    console.error(`[game] ${parsed.measuring ? 'measuring' : 'ramp/warm-up'} ${parsed.elapsedSeconds} s: ${parsed.connected}/${parsed.bots} connected, `
      + `${parsed.seated} seated in ${parsed.matches} matches, errors ${parsed.errors}`);
    // The bots' window began at most a second ago: the servers' window starts now and ends a whole window later.
    if (parsed.measuring && !before && !windowDone) {
      windowDone = snapshot(opts, bots.pid).then(async (b) => {
        before = b;
        await new Promise((resolve) => setTimeout(resolve, opts.windowS * 1000 - (performance.now() - b.atMs)));
        after = await snapshot(opts, bots.pid);
      });
    }
  });
  const exited = new Promise((resolve) => bots.on('exit', (code) => resolve(code)));
  await new Promise((resolve) => lines.on('close', resolve));
  await windowDone?.catch((err) => console.error(`[game] window: ${err.message}`));
  const code = await exited;
  if (code !== 0) console.error(`[game] bots exited with ${code}`);
  const record = gameRecord({ idle, before, after, summary, meta: opts, clockTicks });
  console.log(JSON.stringify(record));
  console.error(`[game] ${opts.variant} ${opts.protocol} ${opts.players} players: late ${record.lateTicks}, skipped ${record.skippedTicks}, `
    + `tick p99 ${record.tickP99Ms} ms, input→delta p99 ${record.p99Ms} ms, generator ${record.loadgenCpu} cores; limit ${record.limit ?? 'none'}`);
  process.exit(record.limit === null ? EXIT.held : record.limit === 'failed' ? EXIT.failed : EXIT.limit);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`[game] ${err.stack ?? err}`);
    process.exit(EXIT.failed);
  });
}

module.exports = { parseProcStat, parseRss, parseRedisInfo, botsArgs, gameRecord, stepLimit, GENERATOR_BOUND, LOAD, EXIT };
