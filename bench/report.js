#!/usr/bin/env node
'use strict';
// Renders one run's JSON lines (bench/results/<run>/*.jsonl, schema in bench/README.md) into
// docs/BENCHMARKS.md plus SVG charts beside it. Pass/fail is decided here, from the raw figures, so
// both generators are judged by the same rule. The last line printed is the fan-out ratio.
//
//   node bench/report.js bench/results/<run> [docs/BENCHMARKS.md]
const fs = require('node:fs');
const path = require('node:path');
const { barChart, logLineChart } = require('./lib/svg');

const STACKS = [{ key: 'realtimehub', label: 'RealtimeHub' }, { key: 'socketio', label: 'Socket.IO' }];
const GOAL_P99_MS = { echo: 10, fanout: 100, 'fanout-redis': 100 };
const PALETTE = { realtimehub: ['#5f3dc4', '#9775fa', '#e64980'], socketio: ['#2b8a3e', '#82c91e', '#1098ad'] };
const FANOUT = [['fanout', 'room50'], ['fanout', 'room1000'], ['fanout-redis', 'room50'], ['fanout-redis', 'room1000']];

const [runDir, outFile = path.join(__dirname, '..', 'docs', 'BENCHMARKS.md')] = process.argv.slice(2);
if (!runDir) {
  console.error('usage: node bench/report.js RUN_DIR [OUT.md]');
  process.exit(2);
}

const records = fs.readdirSync(runDir).filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => fs.readFileSync(path.join(runDir, f), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
const machine = JSON.parse(fs.readFileSync(path.join(runDir, 'machine.json'), 'utf8'));

// A step that failed is run again at the same rate; the later record (higher step) supersedes it.
const steps = (stack, scenario, variant = null) => {
  const byRate = new Map();
  for (const r of records) {
    if (r.stack !== stack || r.scenario !== scenario || (variant !== null && r.variant !== variant)) continue;
    const key = `${r.variant}|${r.rate}`;
    if (!byRate.has(key) || byRate.get(key).step < r.step) byRate.set(key, r);
  }
  return [...byRate.values()].sort((a, b) => (a.rate ?? 0) - (b.rate ?? 0));
};
const passes = (r) => r.lost === 0 && !r.errors && r.p99Ms !== null && r.p99Ms < GOAL_P99_MS[r.scenario];
const bestOf = (rs, field) => {
  const ok = rs.filter(passes);
  return ok.length ? Math.max(...ok.map((r) => r[field])) : (rs.length ? 0 : null);
};
const one = (stack, scenario) => steps(stack, scenario)[0] ?? null;

const fmt = (v, digits = 0) => (v === null || v === undefined ? '–' : typeof v === 'number'
  ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(v));
const mib = (b) => (b === null || b === undefined ? '–' : `${fmt(b / 1048576, 1)} MiB`);
const ratio = (a, b) => (a === null || b === null || a === undefined || b === undefined || b === 0 ? null : a / b);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** One headline row: metric, both stacks, ratio (RealtimeHub / Socket.IO), goal. */
function headline(metric, get, digits, goal, unit = '') {
  const [rth, sio] = STACKS.map((s) => get(s.key));
  const r = ratio(rth, sio);
  return [metric, `${fmt(rth, digits)}${rth === null || rth === undefined ? '' : unit}`,
    `${fmt(sio, digits)}${sio === null || sio === undefined ? '' : unit}`, r === null ? '–' : `${r.toFixed(2)}×`, goal];
}

/** The headline rows whose metric starts with `prefix` (all when empty), as a table. */
function headlineTable(prefix = '') {
  const rows = [
    headline('idle: RSS per connection', (s) => one(s, 'idle')?.bytesPerConnection, 0, 'RealtimeHub ≤ Socket.IO', ' B'),
    headline('idle: connect+join per s', (s) => one(s, 'idle')?.connectPerSec, 0, 'informational'),
    headline('echo: highest rate with p99 < 10 ms', (s) => bestOf(steps(s, 'echo'), 'rate'), 0, 'informational', '/s'),
    headline('echo: p99 at the highest rate both ran', (s) => echoAtCommonRate(s)?.p99Ms, 2, 'RealtimeHub lower', ' ms'),
    ...FANOUT.map(([sc, v]) => headline(`${sc}: ${v} deliveries/s at p99 < 100 ms`, (s) => bestOf(steps(s, sc, v), 'deliveriesPerSec'), 0, 'RealtimeHub ≥ 2×')),
    ...['room50', 'room1000'].map((v) => headline(`fanout-redis: ${v} share of one node`,
      (s) => ratio(bestOf(steps(s, 'fanout-redis', v), 'deliveriesPerSec'), bestOf(steps(s, 'fanout', v), 'deliveriesPerSec')), 2, 'informational')),
    headline('fanout-redis: PUBLISHes per message', (s) => median(steps(s, 'fanout-redis').map((r) => r.publishesPerMessage)), 2, 'informational'),
    headline('storm: 99 % reconnected+rejoined', (s) => one(s, 'storm')?.recover99Ms, 0, 'informational', ' ms'),
    headline('storm: 100 % reconnected+rejoined', (s) => one(s, 'storm')?.recover100Ms, 0, 'informational', ' ms'),
    headline('storm: acked deliveries lost', (s) => one(s, 'storm')?.lost, 0, 'RealtimeHub 0'),
  ].filter((row) => row[0].startsWith(prefix));
  return table(['metric', 'RealtimeHub', 'Socket.IO', 'ratio', 'goal'], rows);
}

function median(values) {
  const v = values.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
}

function echoAtCommonRate(stack) {
  const common = STACKS.map((s) => new Set(steps(s.key, 'echo').map((r) => r.rate)));
  const rates = [...common[0]].filter((r) => common.every((c) => c.has(r)));
  return rates.length ? steps(stack, 'echo').find((r) => r.rate === Math.max(...rates)) : null;
}

function stepTable(scenario, variant) {
  const rows = STACKS.flatMap((s) => steps(s.key, scenario, variant).map((r) => [s.label, fmt(r.rate), fmt(r.sent), fmt(r.acked),
    fmt(r.delivered), fmt(r.lost), fmt(r.duplicates), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), fmt(r.p999Ms, 2),
    fmt(r.deliveriesPerSec ?? r.throughputPerSec), fmt(r.serverCpu, 2), fmt(r.loadgenCpu, 2), passes(r) ? 'yes' : 'no']));
  return rows.length ? table(['stack', 'rate/s', 'sent', 'acked', 'delivered', 'lost', 'dup', 'p50 ms', 'p99 ms', 'p99.9 ms',
    'done/s', 'server cpu', 'gen cpu', 'goal met'], rows) : '_no results_';
}

function singleTable(scenario, fields) {
  const rows = STACKS.map((s) => [s.label, ...fields.map(([, key, digits, f]) => {
    const r = one(s.key, scenario);
    return r ? (f ? f(r[key]) : fmt(r[key], digits)) : '–';
  })]);
  return table(['stack', ...fields.map(([label]) => label)], rows);
}

function fanoutRatio() {
  const ratios = FANOUT.map(([sc, v]) => ratio(bestOf(steps('realtimehub', sc, v), 'deliveriesPerSec'),
    bestOf(steps('socketio', sc, v), 'deliveriesPerSec'))).filter((r) => r !== null);
  return ratios.length ? Math.exp(ratios.reduce((a, r) => a + Math.log(Math.max(r, 1e-6)), 0) / ratios.length) : null;
}

/** A step whose generator used ≥ 0.9 of a core measured the generator as much as the server: no verdict from it. */
const GENERATOR_BOUND = 0.9;
const generatorBound = (r) => r.loadgenCpu !== null && r.loadgenCpu !== undefined && r.loadgenCpu >= GENERATOR_BOUND;

/** Server CPU time per unit of work at a fixed rate, in µs: deliveries (fan-out) or calls (echo). */
const costUs = (r) => {
  const done = r.deliveriesPerSec ?? r.throughputPerSec;
  return r.serverCpu === null || r.serverCpu === undefined || !done ? null : (r.serverCpu * 1e6) / done;
};

/** Steps at the same offered rate in both stacks, each carried with the goal met: [rate, RealtimeHub step, Socket.IO step]. */
function pairedSteps(scenario, variant) {
  const sio = new Map(steps('socketio', scenario, variant).filter(passes).map((r) => [r.rate, r]));
  return steps('realtimehub', scenario, variant).filter(passes).filter((r) => sio.has(r.rate)).map((r) => [r.rate, r, sio.get(r.rate)]);
}

function costTable(scenario, variant, unit) {
  const rows = pairedSteps(scenario, variant).map(([rate, rth, sio]) => {
    const bound = generatorBound(rth) || generatorBound(sio);
    const r = ratio(costUs(rth), costUs(sio));
    return [fmt(rate), fmt(costUs(rth), 1), fmt(costUs(sio), 1), r === null ? '–' : `${r.toFixed(2)}×`,
      bound ? 'generator-bound: left out' : 'counted'];
  });
  return rows.length ? table(['rate/s', `RealtimeHub µs per ${unit}`, `Socket.IO µs per ${unit}`, 'ratio', 'verdict'], rows)
    : '_no step that both stacks carried_';
}

/** Geometric mean of RealtimeHub / Socket.IO server CPU per delivery over every fan-out step both carried, generator-bound ones left out. */
function cpuCostRatio() {
  const ratios = FANOUT.flatMap(([sc, v]) => pairedSteps(sc, v)
    .filter(([, rth, sio]) => !generatorBound(rth) && !generatorBound(sio))
    .map(([, rth, sio]) => ratio(costUs(rth), costUs(sio)))).filter((r) => r !== null && r > 0);
  return ratios.length ? Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length) : null;
}

function costSection() {
  const cr = cpuCostRatio();
  return `## Cost: server CPU per delivery and per call

Server CPU time (both nodes where there are two) per unit of work at each fixed rate that both stacks carried with
the goal met. A step is **generator-bound**, and left out of every verdict, when either generator used ≥ ${GENERATOR_BOUND}
of a core. The fan-out ratio below is the geometric mean over the counted fan-out steps.

${FANOUT.map(([sc, v]) => `### ${sc}, ${v}\n\n${costTable(sc, v, 'delivery')}`).join('\n\n')}

### echo

${costTable('echo', undefined, 'call')}

Server CPU per delivery ratio (RealtimeHub / Socket.IO, geometric mean): **${cr === null ? 'n/a' : cr.toFixed(2)}**.
`;
}

function charts(dir) {
  const fanoutSvg = barChart({
    title: 'Fan-out: deliveries/s at p99 < 100 ms (higher is better)', yLabel: 'deliveries/s',
    series: STACKS,
    groups: FANOUT.map(([sc, v]) => ({ label: `${sc === 'fanout' ? '1 node' : '2 nodes + Redis'}\n${v === 'room50' ? 'rooms of 50' : 'room of 1,000'}`,
      values: Object.fromEntries(STACKS.map((s) => [s.key, bestOf(steps(s.key, sc, v), 'deliveriesPerSec')])) })),
  });
  const latencySvg = logLineChart({
    title: 'p99 latency vs offered load', xLabel: 'offered per second (echo: requests, fan-out: deliveries)', yLabel: 'p99 ms',
    hLines: [{ y: 10, label: 'echo goal 10 ms' }, { y: 100, label: 'fan-out goal 100 ms' }],
    lines: STACKS.flatMap((s) => [
      { label: `${s.label} echo`, color: PALETTE[s.key][0], points: steps(s.key, 'echo').map((r) => [r.rate, r.p99Ms]) },
      ...['room50', 'room1000'].map((v, i) => ({ label: `${s.label} fan-out ${v}`, color: PALETTE[s.key][i + 1], dashed: true,
        points: steps(s.key, 'fanout', v).map((r) => [r.offeredDeliveriesPerSec, r.p99Ms]) })),
    ]).filter((l) => l.points.length),
  });
  fs.writeFileSync(path.join(dir, 'benchmarks-fanout.svg'), fanoutSvg);
  fs.writeFileSync(path.join(dir, 'benchmarks-latency.svg'), latencySvg);
}

/** The highest deliveries/s a stack reached in any step, p99 or not: where it saturates. */
const capacityOf = (stack, scenario, variant) => {
  const rs = steps(stack, scenario, variant);
  return rs.length ? Math.max(...rs.map((r) => r.deliveriesPerSec ?? 0)) : null;
};

function capacityTable() {
  const rows = FANOUT.map(([sc, v]) => {
    const [rth, sio] = STACKS.map((s) => capacityOf(s.key, sc, v));
    const r = ratio(rth, sio);
    return [`${sc}: ${v}`, fmt(rth), fmt(sio), r === null ? '–' : `${r.toFixed(2)}×`];
  });
  return table(['row', 'RealtimeHub', 'Socket.IO', 'ratio'], rows);
}

/** Each goal of issue 5, judged from this run's figures: met or missed, and by how much. */
function goalsTable() {
  const shortBy = (measured, needed) => `missed: needs ${needed.toFixed(2)}×, measured ${measured.toFixed(2)}× (${Math.round((1 - measured / needed) * 100)} % short)`;
  const rows = [];
  for (const [sc, v] of FANOUT) {
    const [rth, sio] = STACKS.map((s) => bestOf(steps(s.key, sc, v), 'deliveriesPerSec'));
    const r = ratio(rth, sio);
    rows.push([`${sc} ${v}: RealtimeHub ≥ 2× Socket.IO deliveries/s at p99 < 100 ms`, `${fmt(rth)} vs ${fmt(sio)}`,
      r === null ? 'not measured' : r >= 2 ? `met (${r.toFixed(2)}×)` : shortBy(r, 2)]);
  }
  const echo = STACKS.map((s) => echoAtCommonRate(s.key));
  const echoRate = echo[0]?.rate;
  rows.push([`echo: RealtimeHub p99 lower at the same rate${echoRate ? ` (${fmt(echoRate)}/s)` : ''}`,
    echo.every(Boolean) ? `${fmt(echo[0].p99Ms, 2)} ms vs ${fmt(echo[1].p99Ms, 2)} ms` : '–',
    !echo.every(Boolean) ? 'not measured' : echo[0].p99Ms < echo[1].p99Ms ? 'met'
      : `missed: ${(echo[0].p99Ms / echo[1].p99Ms).toFixed(2)}× Socket.IO's p99`]);
  const idle = STACKS.map((s) => one(s.key, 'idle')?.bytesPerConnection ?? null);
  rows.push(['idle: RealtimeHub bytes/connection ≤ Socket.IO', `${fmt(idle[0])} B vs ${fmt(idle[1])} B`,
    idle.includes(null) ? 'not measured' : idle[0] <= idle[1] ? 'met'
      : `missed: ${(idle[0] / idle[1]).toFixed(2)}× Socket.IO's (${fmt(idle[0] - idle[1])} B more)`]);
  const storm = one('realtimehub', 'storm');
  rows.push(['storm: RealtimeHub recovers with no acknowledged message lost',
    storm ? `${fmt(storm.reconnected)}/${fmt(storm.connections)} back, ${fmt(storm.lost)} deliveries lost` : '–',
    !storm ? 'not measured' : storm.lost === 0 && storm.reconnected === storm.connections ? 'met' : 'missed']);
  return table(['goal (issue 5)', 'RealtimeHub vs Socket.IO', 'verdict'], rows);
}

/** The Redis Cluster figures of bench/shards.sh with their analysis (bench/SHARDS.md), if present. */
function shards() {
  const file = path.join(__dirname, 'SHARDS.md');
  return fs.existsSync(file) ? `\n${fs.readFileSync(file, 'utf8').trim()}\n` : '';
}

/** Hand-written analysis kept beside the generated figures (bench/FINDINGS.md), if present. */
function findings() {
  const file = path.join(__dirname, 'FINDINGS.md');
  return fs.existsSync(file) ? `\n${fs.readFileSync(file, 'utf8').trim()}\n` : '';
}

function render() {
  const present = STACKS.filter((s) => records.some((r) => r.stack === s.key)).map((s) => s.label);
  const fr = fanoutRatio();
  return `# Benchmarks: RealtimeHub vs Socket.IO + Redis adapter

Generated by \`bench/run.sh${machine.quick ? ' --quick' : ''}\` on ${machine.startedAt} (run \`${path.basename(runDir)}\`${machine.commit ? `, commit \`${machine.commit}\`` : ''}).
Stacks measured: ${present.join(', ') || 'none'}.${present.length < 2 ? ' **One stack is missing from this run, so ratios are blank.**' : ''}
${machine.quick ? '\nThis is a **quick** run (smaller sizes, 1 s steps): a smoke test of the harness, not a figure to quote.\n' : ''}
## Machine

| | |
|---|---|
| CPU | ${machine.cpuModel}, ${machine.cpus} cores |
| memory | ${mib(machine.memBytes)} |
| kernel | ${machine.kernel} |
| runtimes | node ${machine.node}, .NET ${machine.dotnet}, redis ${machine.redis} |
| pinning | ${machine.layout}; nice ${machine.nice} |
| load average at start | ${machine.loadAvgAtStart} |

Servers, Redis and the generator share this machine; on 2 cores both server nodes share one core.
Other jobs on the machine show up as noise: compare both stacks within one run, not across runs.

## Summary

${headlineTable()}

Fan-out deliveries/s ratio (geometric mean of the four fan-out rows): **${fr === null ? 'n/a' : fr.toFixed(2)}**.

${costSection()}
![fan-out](benchmarks-fanout.svg)

![latency](benchmarks-latency.svg)

## Goals

${goalsTable()}

Fan-out capacity: the most deliveries/s each stack delivered in any step it ran, whatever the latency. The
ladder stops at the first rate that misses the goal on every attempt, so this is a lower bound of where a stack
saturates; the goal above asks for the load it carries with p99 under 100 ms.

${capacityTable()}

## (1) Idle connections

${headlineTable('idle:')}

${singleTable('idle', [['connections', 'acked', 0], ['connect+join/s', 'connectPerSec', 0], ['p99 connect+join ms', 'p99Ms', 1],
    ['RSS before', 'rssBeforeBytes', 0, mib], ['RSS after', 'rssBytes', 0, mib], ['bytes/connection', 'bytesPerConnection', 0]])}

## (2) Echo latency (goal: p99 < 10 ms)

${headlineTable('echo:')}

${stepTable('echo', null)}

## (3) Fan-out on one node (goal: p99 < 100 ms, nothing lost)

${headlineTable('fanout:')}

### Rooms of 50

${stepTable('fanout', 'room50')}

### One room of 1,000

${stepTable('fanout', 'room1000')}

## (4) Fan-out over two nodes and Redis

${headlineTable('fanout-redis:')}

### Rooms of 50

${stepTable('fanout-redis', 'room50')}

### One room of 1,000

${stepTable('fanout-redis', 'room1000')}

## (5) Reconnect storm (one node killed and restarted)

${headlineTable('storm:')}

${singleTable('storm', [['clients', 'connections', 0], ['msg/s', 'rate', 0], ['restart ms', 'serverRestartMs', 0],
    ['99 % back ms', 'recover99Ms', 0], ['100 % back ms', 'recover100Ms', 0], ['acked msgs', 'acked', 0],
    ['deliveries expected', 'expected', 0], ['lost', 'lost', 0], ['duplicates', 'duplicates', 0], ['gen cpu', 'loadgenCpu', 2]])}

"gen cpu" covers the kill to full recovery; near 1.00 the client library's reconnect work, not the
server, bounds the recovery time.

Latency is measured from each operation's scheduled send time (open loop), so a stalled server or
generator counts against the result. Rates in the step tables are per second (echo: requests; fan-out:
messages, each delivered to every member). "done/s" is acks/s for echo and deliveries/s for fan-out.
How to read the tables: bench/README.md.

## Reproduce

\`\`\`
(cd bench/socketio && npm ci)   # the Socket.IO peer, once
bench/run.sh${machine.quick ? ' --quick' : ''}   # both stacks, then this file and the charts
\`\`\`

Needs the .NET SDK, Node.js ≥ 20 and \`redis-server\`; \`run.sh\` publishes Hub.Server and Hub.Cli in Release
into \`bench/results/.build\`, starts Redis on a free port, and pins and nices the processes as described above.
The raw JSON lines of this run are in \`bench/results/${path.basename(runDir)}/\` on the machine that ran it.
${shards()}${findings()}`;
}

fs.mkdirSync(path.dirname(outFile), { recursive: true });
charts(path.dirname(outFile));
fs.writeFileSync(outFile, render());
const fr = fanoutRatio();
console.log(`report written to ${path.relative(process.cwd(), outFile)}`);
if (fr === null) console.log('RealtimeHub or Socket.IO fan-out results are missing; the ratio below is a placeholder');
console.log(`fan-out deliveries/s ratio (RealtimeHub / Socket.IO): ${(fr ?? 0).toFixed(2)}`);
const cr = cpuCostRatio();
if (cr === null) console.log('no fan-out step was carried by both stacks without a generator-bound generator; the ratio below is a placeholder');
console.log(`server CPU per delivery ratio (RealtimeHub / Socket.IO): ${(cr ?? 0).toFixed(2)}`);
