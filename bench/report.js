#!/usr/bin/env node
'use strict';
// Renders one run's JSON lines (bench/results/<run>/*.jsonl, schema in bench/README.md) into
// docs/BENCHMARKS.md plus SVG charts beside it. Pass/fail is decided here, from the raw figures, so
// both generators are judged by the same rule. The last two lines printed are the fan-out deliveries/s ratio and
// the server CPU per delivery ratio, both RealtimeHub / Socket.IO (a placeholder note may come before either).
// With --only and any of feeds, docs, game (run.sh does this for a run of only those) it renders those sections alone
// ("Live feeds", issue 19, lib/feeds-report.js; "Collaborative documents", issue 20, lib/docs-report.js; "Multiplayer
// matches", issue 21, lib/game-report.js) into OUT, replacing them and keeping the rest (lib/sections.js), and prints how
// many of their goals were met.
//
//   node bench/report.js bench/results/<run> [docs/BENCHMARKS.md] [--only feeds,docs,game]
const fs = require('node:fs');
const path = require('node:path');
const { barChart, logLineChart } = require('./lib/svg');
const feedsReport = require('./lib/feeds-report');
const docsReport = require('./lib/docs-report');
const gameReport = require('./lib/game-report');
const { spliceSection } = require('./lib/sections');

const RTH = { key: 'realtimehub', label: 'RealtimeHub' };
const SIO = { key: 'socketio', label: 'Socket.IO' };
/** RealtimeHub on the official SignalR Redis backplane (stacks/signalr.sh): it runs fanout-redis and storm only. */
const OFFICIAL = { key: 'signalr', label: 'RealtimeHub (official backplane)' };
/** The pair every goal, ratio and printed line compares. */
const STACKS = [RTH, SIO];
/** Where Redis carries the messages, the official backplane is shown too. */
const REDIS_STACKS = [RTH, OFFICIAL, SIO];
const stacksFor = (scenario) => (scenario === 'fanout-redis' || scenario === 'storm' ? REDIS_STACKS : STACKS);
const GOAL_P99_MS = { echo: 10, fanout: 100, 'fanout-redis': 100 };
const PALETTE = { realtimehub: ['#5f3dc4', '#9775fa', '#e64980'], socketio: ['#2b8a3e', '#82c91e', '#1098ad'] };
const VARIANTS = ['room50', 'room1000'];
const FANOUT = [['fanout', 'room50'], ['fanout', 'room1000'], ['fanout-redis', 'room50'], ['fanout-redis', 'room1000']];

const argv = process.argv.slice(2);
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? String(argv.splice(onlyAt, 2)[1]).split(',') : null;
const [runDir, outFile = path.join(__dirname, '..', 'docs', 'BENCHMARKS.md')] = argv;
if (!runDir || (only !== null && !only.every((name) => ['feeds', 'docs', 'game'].includes(name)))) {
  console.error('usage: node bench/report.js RUN_DIR [OUT.md] [--only feeds,docs,game (any of them)]');
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

const withUnit = (v, digits, unit) => `${fmt(v, digits)}${v === null || v === undefined ? '' : unit}`;
const ratioCell = (r) => (r === null ? '–' : `${r.toFixed(2)}×`);

/** One comparison row: metric, the two stacks' figures, their ratio (first / second). */
function compareRow(metric, get, digits, unit, pair) {
  const [a, b] = pair.map((s) => get(s.key));
  return [metric, withUnit(a, digits, unit), withUnit(b, digits, unit), ratioCell(ratio(a, b))];
}

/** One headline row: metric, both stacks, ratio (RealtimeHub / Socket.IO), goal. */
function headline(metric, get, digits, goal, unit = '') {
  return [...compareRow(metric, get, digits, unit, STACKS), goal];
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

/**
 * What RealtimeHub's own Redis backplane (the default) is worth: the same build on the official SignalR backplane,
 * in the same run. Absent stacks give '–'.
 */
function backplaneTable(prefix = '') {
  const pair = [RTH, OFFICIAL];
  const rows = [
    ...VARIANTS.map((v) => compareRow(`fanout-redis: ${v} deliveries/s at p99 < 100 ms`,
      (s) => bestOf(steps(s, 'fanout-redis', v), 'deliveriesPerSec'), 0, '', pair)),
    ...VARIANTS.map((v) => {
      const cost = backplaneCost(v);
      return [`fanout-redis: ${v} server µs per delivery (geometric mean over ${cost.steps} rate${cost.steps === 1 ? '' : 's'} both carried)`,
        fmt(cost.rth, 1), fmt(cost.official, 1), ratioCell(ratio(cost.rth, cost.official))];
    }),
    compareRow('storm: 99 % reconnected+rejoined', (s) => one(s, 'storm')?.recover99Ms, 0, ' ms', pair),
    compareRow('storm: 100 % reconnected+rejoined', (s) => one(s, 'storm')?.recover100Ms, 0, ' ms', pair),
    compareRow('storm: acked deliveries lost', (s) => one(s, 'storm')?.lost, 0, '', pair),
  ].filter((row) => row[0].startsWith(prefix));
  return table(['metric', 'RealtimeHub', 'official backplane', 'ratio (RealtimeHub / official)'], rows);
}

/**
 * Server µs per delivery of both backplanes over the fanout-redis steps both carried at the same rate, generator-bound
 * ones left out. The geometric means are over the same rates, so their ratio is the geometric mean of the step ratios.
 */
function backplaneCost(variant) {
  const counted = pairedSteps('fanout-redis', variant, 'realtimehub', 'signalr')
    .filter(([, a, b]) => !generatorBound(a) && !generatorBound(b) && costUs(a) > 0 && costUs(b) > 0);
  const geo = (i) => (counted.length ? geomean(counted.map((p) => costUs(p[i]))) : null);
  return { steps: counted.length, rth: geo(1), official: geo(2) };
}

const geomean = (values) => Math.exp(values.reduce((a, v) => a + Math.log(v), 0) / values.length);

function echoAtCommonRate(stack) {
  const common = STACKS.map((s) => new Set(steps(s.key, 'echo').map((r) => r.rate)));
  const rates = [...common[0]].filter((r) => common.every((c) => c.has(r)));
  return rates.length ? steps(stack, 'echo').find((r) => r.rate === Math.max(...rates)) : null;
}

function stepTable(scenario, variant) {
  const rows = stacksFor(scenario).flatMap((s) => steps(s.key, scenario, variant).map((r) => [s.label, fmt(r.rate), fmt(r.sent), fmt(r.acked),
    fmt(r.delivered), fmt(r.lost), fmt(r.duplicates), fmt(r.p50Ms, 2), fmt(r.p99Ms, 2), fmt(r.p999Ms, 2),
    fmt(r.deliveriesPerSec ?? r.throughputPerSec), fmt(r.serverCpu, 2), fmt(r.loadgenCpu, 2), passes(r) ? 'yes' : 'no']));
  return rows.length ? table(['stack', 'rate/s', 'sent', 'acked', 'delivered', 'lost', 'dup', 'p50 ms', 'p99 ms', 'p99.9 ms',
    'done/s', 'server cpu', 'gen cpu', 'goal met'], rows) : '_no results_';
}

function singleTable(scenario, fields) {
  const rows = stacksFor(scenario).map((s) => [s.label, ...fields.map(([, key, digits, f]) => {
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

/** What a step offered, for people: deliveries/s for fan-out (its rate is messages/s), calls/s for echo. */
const offered = (r, rate) => r?.offeredDeliveriesPerSec ?? rate;

/** Steps at the same offered rate in two stacks, each carried with the goal met: [rate, step of a, step of b]. */
function pairedSteps(scenario, variant, a = 'realtimehub', b = 'socketio') {
  const other = new Map(steps(b, scenario, variant).filter(passes).map((r) => [r.rate, r]));
  return steps(a, scenario, variant).filter(passes).filter((r) => other.has(r.rate)).map((r) => [r.rate, r, other.get(r.rate)]);
}

/** A cost ratio cell against Socket.IO's step; a generator-bound pair is shown but marked, as it is no verdict. */
function costRatioCell(r, sio) {
  if (!r) return '–';
  const cell = ratioCell(ratio(costUs(r), costUs(sio)));
  return generatorBound(r) || generatorBound(sio) ? `${cell} (generator-bound)` : cell;
}

/**
 * Server CPU per unit of work at each rate Socket.IO carried with the goal met and RealtimeHub did too. On fanout-redis
 * the official backplane is shown at the same rates, so a rate only it shares with Socket.IO gets a row as well.
 */
function costTable(scenario, variant, unit) {
  const official = scenario === 'fanout-redis';
  const carried = (stack) => new Map(steps(stack, scenario, variant).filter(passes).map((r) => [r.rate, r]));
  const [rth, sio, off] = [carried('realtimehub'), carried('socketio'), official ? carried('signalr') : new Map()];
  const rates = [...sio.keys()].filter((rate) => rth.has(rate) || off.has(rate)).sort((x, y) => x - y);
  const rows = rates.map((rate) => {
    const [a, b, o] = [rth.get(rate), sio.get(rate), off.get(rate)];
    const row = [fmt(offered(b, rate)), fmt(a && costUs(a), 1), fmt(costUs(b), 1), costRatioCell(a, b)];
    if (official) row.push(fmt(o && costUs(o), 1), costRatioCell(o, b));
    row.push(!a ? '–' : generatorBound(a) || generatorBound(b) ? 'generator-bound: left out' : 'counted');
    return row;
  });
  const head = [unit === 'delivery' ? 'offered deliveries/s' : 'calls/s', `RealtimeHub µs per ${unit}`, `Socket.IO µs per ${unit}`, 'ratio',
    ...(official ? [`official backplane µs per ${unit}`, 'official / Socket.IO'] : []), 'verdict'];
  return rows.length ? table(head, rows) : '_no step that both stacks carried_';
}

/** Geometric mean of RealtimeHub / Socket.IO server CPU per delivery over every fan-out step both carried, generator-bound ones left out. */
function cpuCostRatio() {
  const ratios = FANOUT.flatMap(([sc, v]) => pairedSteps(sc, v)
    .filter(([, rth, sio]) => !generatorBound(rth) && !generatorBound(sio))
    .map(([, rth, sio]) => ratio(costUs(rth), costUs(sio)))).filter((r) => r !== null && r > 0);
  return ratios.length ? geomean(ratios) : null;
}

/**
 * Redis's own CPU per sent message (`redisCpuUsPerMessage`: all Redis servers over the step, per acked message) at each
 * rate a stack ran, goal met or not: what the backplane costs Redis. null when no record of the row carries it.
 */
function redisCpuTable(scenario, variant) {
  const stacks = stacksFor(scenario);
  const byStack = stacks.map((s) => new Map(steps(s.key, scenario, variant)
    .filter((r) => typeof r.redisCpuUsPerMessage === 'number').map((r) => [r.rate, r.redisCpuUsPerMessage])));
  const rates = [...new Set(byStack.flatMap((m) => [...m.keys()]))].sort((x, y) => x - y);
  return rates.length ? table(['messages/s', ...stacks.map((s) => `${s.label} Redis µs per message`)],
    rates.map((rate) => [fmt(rate), ...byStack.map((m) => fmt(m.get(rate), 1))])) : null;
}

function redisCpuSection() {
  const parts = FANOUT.map(([sc, v]) => [sc, v, redisCpuTable(sc, v)]).filter(([, , t]) => t);
  return parts.length ? parts.map(([sc, v, t]) => `### Redis CPU per message: ${sc}, ${v}\n\n${t}`).join('\n\n')
    : '### Redis CPU per message\n\n_no record of this run carries Redis CPU figures_';
}

function costSection() {
  const cr = cpuCostRatio();
  return `## Cost: server CPU per delivery and per call

Server CPU time (both nodes where there are two) per unit of work at each fixed rate that both stacks carried with
the goal met. A step is **generator-bound**, and left out of every verdict, when either generator used ≥ ${GENERATOR_BOUND}
of a core. The fan-out ratio below is the geometric mean over the counted fan-out steps. On fanout-redis the official
backplane (the same RealtimeHub build with \`Redis__Backplane=signalr\`) is shown at the same rates, against Socket.IO.

${FANOUT.map(([sc, v]) => `### ${sc}, ${v}\n\n${costTable(sc, v, 'delivery')}`).join('\n\n')}

### echo

${costTable('echo', undefined, 'call')}

Server CPU per delivery ratio (RealtimeHub / Socket.IO, geometric mean): **${cr === null ? 'n/a' : cr.toFixed(2)}**.

Redis's own CPU per message sent (all steps a stack ran, goal met or not), where the generator measured it:

${redisCpuSection()}
`;
}

function charts(dir) {
  // The official backplane only has fanout-redis bars, so it joins the chart only when this run measured it.
  const series = [...STACKS, ...(records.some((r) => r.stack === OFFICIAL.key) ? [{ key: OFFICIAL.key, label: 'official backplane' }] : [])];
  const fanoutSvg = barChart({
    title: 'Fan-out: deliveries/s at p99 < 100 ms (higher is better)', yLabel: 'deliveries/s',
    series,
    groups: FANOUT.map(([sc, v]) => ({ label: `${sc === 'fanout' ? '1 node' : '2 nodes + Redis'}\n${v === 'room50' ? 'rooms of 50' : 'room of 1,000'}`,
      values: Object.fromEntries(series.map((s) => [s.key, bestOf(steps(s.key, sc, v), 'deliveriesPerSec')])) })),
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
    return [`${sc}: ${v}`, fmt(rth), fmt(sio), ratioCell(ratio(rth, sio)), sc === 'fanout-redis' ? fmt(capacityOf(OFFICIAL.key, sc, v)) : '–'];
  });
  return table(['row', 'RealtimeHub', 'Socket.IO', 'ratio', 'official backplane'], rows);
}

/** How far a measured ratio is above the most a goal allows, in percent. */
const overBy = (measured, limit) => `${Math.round((measured / limit - 1) * 100)} % over`;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Goal: RealtimeHub's server CPU per unit of work ≤ limit × Socket.IO's at every step both carried at the same rate
 * (rows: [scenario, variant] pairs). Judged on the worst counted step; generator-bound steps are left out.
 */
function costGoal(goal, rows, limit) {
  const all = rows.flatMap(([sc, v]) => pairedSteps(sc, v).map(([rate, a, b]) => ({ at: `${sc}${v ? ` ${v}` : ''} at ${fmt(offered(b, rate))}/s`, a, b })));
  const bound = all.filter(({ a, b }) => generatorBound(a) || generatorBound(b)).length;
  const counted = all.filter(({ a, b }) => !generatorBound(a) && !generatorBound(b))
    .map(({ at, a, b }) => ({ at, r: ratio(costUs(a), costUs(b)) })).filter(({ r }) => r !== null);
  if (!counted.length) {
    return bound ? [goal, `${plural(bound, 'step')} both carried, all generator-bound`, 'generator-bound: no verdict']
      : [goal, '–', 'not measured'];
  }
  const worst = counted.reduce((w, p) => (p.r > w.r ? p : w));
  const met = counted.filter(({ r }) => r <= limit).length;
  const measured = `worst ${worst.r.toFixed(2)}× (${worst.at}); ${met} of ${plural(counted.length, 'counted step')} ≤ ${limit}×`
    + (bound ? `; ${bound} generator-bound left out` : '');
  return [goal, measured, worst.r <= limit ? `met (worst ${worst.r.toFixed(2)}×)`
    : `missed: worst ${worst.r.toFixed(2)}×, needs ≤ ${limit}× (${overBy(worst.r, limit)}); ${counted.length - met} of ${counted.length} over`];
}

/**
 * The best deliveries/s a stack carried with the goal met, generator-bound steps left out (such a step measured the
 * generator as much as the server). value: null (not run), 0 (no step met the goal), 'generator-bound' (every step that
 * met it was). skipped: the higher best that was left out for being generator-bound, if any.
 */
function judgedBest(stack, scenario, variant) {
  const rs = steps(stack, scenario, variant);
  const ok = rs.filter(passes);
  const counted = ok.filter((r) => !generatorBound(r));
  const best = (list) => Math.max(...list.map((r) => r.deliveriesPerSec));
  const value = !rs.length ? null : !ok.length ? 0 : !counted.length ? 'generator-bound' : best(counted);
  const skipped = typeof value === 'number' && ok.length && best(ok) > value ? best(ok) : null;
  return { value, skipped };
}

function deliveriesGoal(sc, v) {
  const [a, b] = STACKS.map((s) => judgedBest(s.key, sc, v));
  const show = ({ value, skipped }) => `${typeof value === 'number' ? fmt(value) : value ?? '–'}${skipped ? ` (${fmt(skipped)} generator-bound, left out)` : ''}`;
  const r = typeof a.value === 'number' && typeof b.value === 'number' ? ratio(a.value, b.value) : null;
  const verdict = a.value === null || b.value === null ? 'not measured'
    : a.value === 'generator-bound' || b.value === 'generator-bound' ? 'generator-bound: no verdict'
      : b.value === 0 ? 'no verdict: Socket.IO met the goal at no step'
        : r >= 2 ? `met (${r.toFixed(2)}×)`
          : `missed: needs 2.00×, measured ${r.toFixed(2)}× (${Math.round((1 - r / 2) * 100)} % short)`;
  return [`${sc} ${v}: RealtimeHub ≥ 2× Socket.IO deliveries/s at p99 < 100 ms`, `${show(a)} vs ${show(b)}`, verdict];
}

/** Goal: RealtimeHub's echo p99 lower than Socket.IO's at every rate both ran (goal met or not), generator-bound left out. */
function echoGoal() {
  const goal = 'echo: RealtimeHub p99 lower at every rate both ran';
  const sio = new Map(steps('socketio', 'echo').map((r) => [r.rate, r]));
  const both = steps('realtimehub', 'echo').filter((r) => sio.has(r.rate)).map((r) => [r.rate, r, sio.get(r.rate)])
    .filter(([, a, b]) => typeof a.p99Ms === 'number' && typeof b.p99Ms === 'number');
  const counted = both.filter(([, a, b]) => !generatorBound(a) && !generatorBound(b));
  const bound = both.length - counted.length;
  if (!counted.length) return bound ? [goal, `${plural(bound, 'rate')}, all generator-bound`, 'generator-bound: no verdict'] : [goal, '–', 'not measured'];
  const notLower = counted.filter(([, a, b]) => !(a.p99Ms < b.p99Ms));
  const measured = `lower at ${counted.length - notLower.length} of ${plural(counted.length, 'rate')}${bound ? `; ${bound} generator-bound left out` : ''}`;
  return [goal, measured, !notLower.length ? 'met'
    : `missed at ${notLower.map(([rate, a, b]) => `${fmt(rate)}/s (${fmt(a.p99Ms, 2)} vs ${fmt(b.p99Ms, 2)} ms)`).join(', ')}`];
}

/** Goal: RealtimeHub back at 99 % (reconnected and rejoined) no later than Socket.IO after the kill. */
function stormRecoveryGoal() {
  const goal = 'storm: RealtimeHub 99 % reconnected+rejoined no later than Socket.IO';
  const storms = STACKS.map((s) => one(s.key, 'storm'));
  if (!storms.every(Boolean)) return [goal, '–', 'not measured'];
  // null: that stack never had 99 % of its clients back before the generator gave up.
  const [a, b] = storms.map((r) => (typeof r.recover99Ms === 'number' ? r.recover99Ms : null));
  const show = (v) => (v === null ? 'never' : `${fmt(v)} ms`);
  const verdict = a === null ? 'missed: RealtimeHub never had 99 % back' : b === null ? 'met (Socket.IO never had 99 % back)'
    : a <= b ? 'met' : `missed: ${(a / b).toFixed(2)}× Socket.IO's (${fmt(a - b)} ms later)`;
  return [goal, `${show(a)} vs ${show(b)}`, verdict];
}

/** Goal: no acknowledged delivery lost in RealtimeHub's storm (and every client back). */
function stormLossGoal() {
  const goal = 'storm: RealtimeHub loses no acknowledged delivery';
  const storm = one('realtimehub', 'storm');
  if (!storm || typeof storm.lost !== 'number') return [goal, '–', 'not measured'];
  const verdict = storm.lost > 0 ? `missed: ${fmt(storm.lost)} acknowledged deliveries lost`
    : storm.reconnected !== storm.connections ? `missed: ${fmt(storm.reconnected)} of ${fmt(storm.connections)} clients back` : 'met';
  return [goal, `${fmt(storm.reconnected)}/${fmt(storm.connections)} back, ${fmt(storm.lost)} deliveries lost`, verdict];
}

/** Each goal of issue 14, judged from this run's figures: met or missed, and by how much. */
function goalsTable() {
  const idle = STACKS.map((s) => one(s.key, 'idle')?.bytesPerConnection ?? null);
  const rows = [
    costGoal('fan-out: RealtimeHub server CPU per delivery ≤ 0.75× Socket.IO\'s at every step both carried', FANOUT, 0.75),
    costGoal('echo: RealtimeHub server CPU per call ≤ 0.5× Socket.IO\'s at every step both carried', [['echo', null]], 0.5),
    echoGoal(),
    ...FANOUT.map(([sc, v]) => deliveriesGoal(sc, v)),
    ['idle: RealtimeHub bytes/connection ≤ Socket.IO', `${fmt(idle[0])} B vs ${fmt(idle[1])} B`,
      idle.includes(null) ? 'not measured' : idle[0] <= idle[1] ? 'met'
        : `missed: ${(idle[0] / idle[1]).toFixed(2)}× Socket.IO's (${fmt(idle[0] - idle[1])} B more)`],
    stormRecoveryGoal(),
    stormLossGoal(),
  ];
  return table(['goal (issue 14)', 'RealtimeHub vs Socket.IO', 'verdict'], rows);
}

/** Least-squares line through [x, y] points: { slope, intercept }, or null with fewer than two distinct x. */
function fitLine(points) {
  if (new Set(points.map(([x]) => x)).size < 2) return null;
  const n = points.length;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  const slope = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Measured inputs of the sizing model, RealtimeHub through Redis: the marginal server CPU per delivery and Redis CPU per
 * message (slopes of CPU against rate over the counted steps, so what nodes and Redis spend anyway, heartbeats and
 * sweeps, is not charged to the messages), that fixed part per node (intercept ÷ nodes), and RSS per idle connection.
 * null where the run lacks them.
 */
function sizingInputs(variant) {
  const counted = steps('realtimehub', 'fanout-redis', variant).filter((r) => passes(r) && !generatorBound(r));
  const nodeLine = fitLine(counted.filter((r) => r.serverCpu != null).map((r) => [r.deliveriesPerSec, r.serverCpu]));
  const redisLine = fitLine(counted.filter((r) => r.redisCpuUsPerMessage != null).map((r) => [r.rate, (r.redisCpuUsPerMessage * r.rate) / 1e6]));
  const positive = (v) => (v !== null && v > 0 ? v : null);
  return {
    usPerDelivery: positive(nodeLine && nodeLine.slope * 1e6),
    fixedCoresPerNode: nodeLine ? Math.max(0, nodeLine.intercept) / (counted[0]?.nodes ?? 2) : null,
    redisUsPerMessage: positive(redisLine && redisLine.slope * 1e6),
    roomSize: counted[0]?.roomSize ?? (variant === 'room50' ? 50 : 1000),
    nodes: counted[0]?.nodes ?? 2,
    steps: counted.length,
    bytesPerConnection: one('realtimehub', 'idle')?.bytesPerConnection ?? null,
  };
}

const SIZING = { connections: 1_000_000, deliveriesPerSec: 500_000, utilization: 0.6, coresPerNode: 2, gibPerNode: 4 };

/**
 * What 1,000,000 connections and 500,000 deliveries/s take, from this run's cost per delivery (both nodes' CPU, kernel
 * included), bytes per idle connection and Redis CPU per message. Each node and each Redis shard is planned at 60 % of
 * its cores. Redis's cost per message was measured with two subscribing nodes; with N nodes a PUBLISH goes to every
 * node holding a member, so the range runs from "all of it per message" to "all of it per subscriber".
 */
function sizingSection() {
  const rows = VARIANTS.map((v) => {
    const m = sizingInputs(v);
    if (m.usPerDelivery === null || m.bytesPerConnection === null) {
      return [`rooms of ${fmt(m.roomSize)}`, m.steps < 2 ? `${m.steps} counted step(s): too few to fit` : `CPU did not rise with the rate over ${m.steps} counted steps (noise): no fit`, '–', '–', '–', '–', '–'];
    }
    // SignalR pings every idle connection every 15 s: deliveries too. A node's fixed part comes off its own budget.
    const deliveries = SIZING.deliveriesPerSec + SIZING.connections / 15;
    const work = (deliveries * m.usPerDelivery) / 1e6;
    const budget = SIZING.coresPerNode * SIZING.utilization - (m.fixedCoresPerNode ?? 0);
    const gib = (SIZING.connections * m.bytesPerConnection) / 2 ** 30 / SIZING.utilization;
    const nodes = budget <= 0 ? null : Math.max(Math.ceil(work / budget), Math.ceil(gib / SIZING.gibPerNode));
    const cores = nodes === null ? null : nodes * SIZING.coresPerNode;
    const messages = SIZING.deliveriesPerSec / m.roomSize;
    const subscribers = Math.min(m.roomSize, nodes ?? m.nodes);
    const redis = m.redisUsPerMessage === null ? null
      : [1, subscribers / m.nodes].map((f) => (messages * m.redisUsPerMessage * f) / 1e6 / SIZING.utilization);
    return [`rooms of ${fmt(m.roomSize)}`,
      `${fmt(m.usPerDelivery, 1)} µs; ${fmt(m.fixedCoresPerNode, 2)} core per node; ${fmt(m.bytesPerConnection)} B; ${m.redisUsPerMessage === null ? '–' : `${fmt(m.redisUsPerMessage, 1)} µs`} (${m.steps} steps)`,
      fmt(work, 1), fmt(gib, 1), nodes === null ? 'no node has room beside its fixed part' : `${fmt(nodes)} (${fmt(cores)} cores)`, fmt(messages),
      redis === null ? '–' : `${fmt(redis[0], 2)}–${fmt(redis[1], 2)} cores: ${fmt(Math.ceil(redis[0]))}–${fmt(Math.ceil(redis[1]))} shard(s)`];
  });
  return `## Sizing: 1,000,000 connections and 500,000 deliveries/s, on paper

From this run's own figures for RealtimeHub through Redis, fitted over the counted fanout-redis steps (goal met, not
generator-bound): the nodes' CPU per delivery at the margin (kernel included), what a node spends whatever the
traffic (heartbeats, sweeps, timers: the fitted line's intercept ÷ nodes), RSS per idle connection, and Redis's CPU
per message at the margin. Deliveries include SignalR's keep-alive ping to every connection every 15 s. Nodes of ${SIZING.coresPerNode} cores and ${SIZING.gibPerNode} GiB; every node and Redis shard planned at
${SIZING.utilization * 100} % (one shard is one core: Redis runs commands on one thread). Redis's cost per message was measured with two
subscribing nodes; with more, each PUBLISH goes to every node holding a member of the room, so the Redis column runs
from "all of it is per message" to "all of it is per subscribing node". Centrifugo's published test of this size used
20 pods of about 2 CPU each.

${table(['room size', 'measured: CPU per delivery; fixed per node; bytes/conn; Redis CPU per message', 'delivery cores', 'memory GiB', 'nodes', 'messages/s', 'Redis'], rows)}

What the model leaves out: the loopback doubles the kernel's work per send (on a network the receiver's TCP stack
runs on another machine), TLS, and that cost per delivery falls with batching at high per-connection rates (capacity
table). Redis Cluster (section 6) spreads rooms over shards by hash slot, so shards add up only when rooms are many;
one busy room stays on one shard.
`;
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
  const measured = (s) => records.some((r) => r.stack === s.key);
  const present = REDIS_STACKS.filter(measured).map((s) => s.label);
  const fr = fanoutRatio();
  return `# Benchmarks: RealtimeHub vs Socket.IO + Redis adapter

Generated by \`bench/run.sh${machine.quick ? ' --quick' : ''}\` on ${machine.startedAt} (run \`${path.basename(runDir)}\`${machine.commit ? `, commit \`${machine.commit}\`` : ''}).
Stacks measured: ${present.join(', ') || 'none'}.${STACKS.every(measured) ? '' : ' **RealtimeHub or Socket.IO is missing from this run, so ratios are blank.**'}
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

### What the default backplane is worth

RealtimeHub on its own Redis backplane (the default) against the same build on the official SignalR Redis backplane
(\`Redis__Backplane=signalr\`, stack \`signalr\`), which runs fanout-redis and the storm only.

${backplaneTable()}

${costSection()}
${sizingSection()}
![fan-out](benchmarks-fanout.svg)

![latency](benchmarks-latency.svg)

## Goals

${goalsTable()}

Generator-bound steps (either generator used ≥ ${GENERATOR_BOUND} of a core) are left out of every verdict above; where
only such steps were there to judge, the verdict says so. The storm is judged end to end, client library included.

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

${backplaneTable('fanout-redis:')}

### Rooms of 50

${stepTable('fanout-redis', 'room50')}

### One room of 1,000

${stepTable('fanout-redis', 'room1000')}

## (5) Reconnect storm (one node killed and restarted)

${headlineTable('storm:')}

${backplaneTable('storm:')}

${singleTable('storm', [['clients', 'connections', 0], ['msg/s', 'rate', 0], ['restart ms', 'serverRestartMs', 0],
    ['99 % back ms', 'recover99Ms', 0], ['100 % back ms', 'recover100Ms', 0], ['acked msgs', 'acked', 0],
    ['deliveries expected', 'expected', 0], ['lost', 'lost', 0], ['duplicates', 'duplicates', 0], ['gen cpu', 'loadgenCpu', 2]])}

"gen cpu" covers the kill to full recovery; near 1.00 the client library's reconnect work, not the
server, bounds the recovery time.

Latency is measured from each operation's scheduled send time (open loop), so a stalled server or
generator counts against the result. Rates in the step tables are per second (echo: requests; fan-out:
messages, each delivered to every member). "done/s" is acks/s for echo and deliveries/s for fan-out.
How to read the tables: bench/README.md.

${feeds().section}
${docs().section}
${game().section}
## Reproduce

\`\`\`
(cd bench/socketio && npm ci)   # the Socket.IO peer, once
bench/run.sh${machine.quick ? ' --quick' : ''}   # every stack (--stacks to choose), then this file and the charts
bench/run.sh${machine.quick ? ' --quick' : ''} --scenarios feeds   # the Live feeds section alone, the rest of this file kept
bench/run.sh${machine.quick ? ' --quick' : ''} --scenarios docs    # the Collaborative documents section alone, likewise
bench/run.sh${machine.quick ? ' --quick' : ''} --scenarios game    # the Multiplayer matches section alone, likewise
\`\`\`

\`run.sh\` installs the docs scenario's pinned packages (\`bench/docs\`: yjs, @microsoft/signalr, Hocuspocus) itself.
Needs the .NET SDK, Node.js ≥ 20 and \`redis-server\`; \`run.sh\` publishes Hub.Server and Hub.Cli in Release
into \`bench/results/.build\`, starts Redis on a free port, and pins and nices the processes as described above.
The raw JSON lines of this run are in \`bench/results/${path.basename(runDir)}/\` on the machine that ran it.
${shards()}${findings()}`;
}

const helpers = { fmt, mib, table, ratioCell, generatorBound };
const runInfo = { name: path.basename(runDir), machine };
/** The sections a run of their scenario alone rewrites: each with its heading and the line printed for its goals. */
const SECTIONS = {
  feeds: { build: () => feedsReport.feedsSection(records, runInfo, helpers), heading: feedsReport.HEADING, title: 'Live feeds', line: 'live feeds goals met (RealtimeHub)' },
  docs: { build: () => docsReport.docsSection(records, runInfo, helpers), heading: docsReport.HEADING, title: 'Collaborative documents', line: 'collaborative documents goals met (RealtimeHub)' },
  game: { build: () => gameReport.gameSection(records, runInfo, helpers), heading: gameReport.HEADING, title: 'Multiplayer matches', line: 'multiplayer matches goals met (RealtimeHub)' },
};
const feeds = () => SECTIONS.feeds.build();
const docs = () => SECTIONS.docs.build();
const game = () => SECTIONS.game.build();

const goalsLine = (name) => {
  const { line, build } = SECTIONS[name];
  const r = build();
  return `${line}: ${r.measured ? r.met : 0} of ${r.goals}${r.measured ? '' : ' (not measured)'}`;
};

fs.mkdirSync(path.dirname(outFile), { recursive: true });
if (only !== null) {
  // A run of only these scenarios measures nothing else: the rest of an existing report stays as its own run wrote it.
  let text = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '# Benchmarks: RealtimeHub vs Socket.IO + Redis adapter\n';
  for (const name of only) text = spliceSection(text, SECTIONS[name].build().section, SECTIONS[name].heading);
  fs.writeFileSync(outFile, text);
  for (const name of only) console.log(`${SECTIONS[name].title} section of ${path.relative(process.cwd(), outFile)} rewritten from run ${path.basename(runDir)}`);
  for (const name of only) console.log(goalsLine(name));
  process.exit(0);
}
charts(path.dirname(outFile));
fs.writeFileSync(outFile, render());
const fr = fanoutRatio();
console.log(`report written to ${path.relative(process.cwd(), outFile)}`);
console.log(goalsLine('feeds'));
console.log(goalsLine('docs'));
console.log(goalsLine('game'));
if (fr === null) console.log('RealtimeHub or Socket.IO fan-out results are missing; the ratio below is a placeholder');
console.log(`fan-out deliveries/s ratio (RealtimeHub / Socket.IO): ${(fr ?? 0).toFixed(2)}`);
const cr = cpuCostRatio();
if (cr === null) console.log('no fan-out step was carried by both stacks without a generator-bound generator; the ratio below is a placeholder');
console.log(`server CPU per delivery ratio (RealtimeHub / Socket.IO): ${(cr ?? 0).toFixed(2)}`);
