'use strict';
// bench/report.js judges both stacks alike from the raw records: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { runReport, row, section } = require('./report-run');

const FANOUT = [['fanout', 'room50'], ['fanout', 'room1000'], ['fanout-redis', 'room50'], ['fanout-redis', 'room1000']];
const FANOUT_RATIO = 'fan-out deliveries/s ratio (RealtimeHub / Socket.IO): ';
const CPU_RATIO = 'server CPU per delivery ratio (RealtimeHub / Socket.IO): ';

function fanoutStep(stack, scenario, variant, step, deliveriesPerSec, p99Ms, lost = 0, extra = {}) {
  return { schema: 'realtimehub-bench/1', stack, scenario, variant, step, rate: deliveriesPerSec / 50,
    offeredDeliveriesPerSec: deliveriesPerSec, deliveriesPerSec, p99Ms, lost, errors: 0, ...extra };
}

/** A fan-out step that met the goal, with its CPU: serverCpu cores for deliveriesPerSec deliveries/s. */
function costStep(stack, scenario, variant, deliveriesPerSec, serverCpu, loadgenCpu = 0.5, extra = {}) {
  return fanoutStep(stack, scenario, variant, 0, deliveriesPerSec, 20, 0, { serverCpu, loadgenCpu, ...extra });
}

/** Every fan-out row at 10,000 deliveries/s with RealtimeHub at half Socket.IO's server CPU: counted steps that meet the cost goal. */
const halfCostFanoutSteps = () => FANOUT.flatMap(([scenario, variant]) =>
  [costStep('socketio', scenario, variant, 10000, 0.4), costStep('realtimehub', scenario, variant, 10000, 0.2)]);

function echoStep(stack, rate, p99Ms, extra = {}) {
  return { schema: 'realtimehub-bench/1', stack, scenario: 'echo', variant: null, step: 0, rate, throughputPerSec: rate,
    p99Ms, lost: 0, errors: 0, serverCpu: 0.1, loadgenCpu: 0.5, ...extra };
}

function stormRecord(stack, recover99Ms, lost = 0, reconnected = 10) {
  return { schema: 'realtimehub-bench/1', stack, scenario: 'storm', variant: null, step: 0, connections: 10, reconnected,
    recover99Ms, recover100Ms: recover99Ms === null ? null : recover99Ms + 100, lost, loadgenCpu: 0.95 };
}

const BACKPLANE = '### What the default backplane is worth';

test('the ratio is the geometric mean of best passing deliveries/s per fan-out variant', () => {
  const records = [];
  for (const [scenario, variant] of FANOUT) {
    records.push(fanoutStep('socketio', scenario, variant, 0, 10000, 20), fanoutStep('socketio', scenario, variant, 1, 20000, 150));
    records.push(fanoutStep('realtimehub', scenario, variant, 0, 20000, 20), fanoutStep('realtimehub', scenario, variant, 1, 40000, 90),
      fanoutStep('realtimehub', scenario, variant, 2, 80000, 90, 3)); // lost deliveries: does not count
  }
  const { lines, dir } = runReport(records);
  // No step carries CPU figures, so the CPU ratio is a placeholder, announced on the line before it.
  assert.equal(lines.at(-3), `${FANOUT_RATIO}4.00`);
  assert.match(lines.at(-2), /placeholder/);
  assert.equal(lines.at(-1), `${CPU_RATIO}0.00`);
  assert.ok(fs.existsSync(path.join(dir, 'docs', 'benchmarks-fanout.svg')));
});

test('the last two lines are the fan-out ratio and the CPU per delivery ratio', () => {
  const records = halfCostFanoutSteps();
  const { lines } = runReport(records);
  assert.deepEqual(lines.slice(-2), [`${FANOUT_RATIO}1.00`, `${CPU_RATIO}0.50`]);
});

test('a retried step supersedes the failed attempt at the same rate', () => {
  const records = [];
  for (const stack of ['socketio', 'realtimehub']) {
    records.push(fanoutStep(stack, 'fanout', 'room50', 0, 10000, 500), fanoutStep(stack, 'fanout', 'room50', 1, 10000, 50));
  }
  const { markdown } = runReport(records);
  assert.match(markdown, /\| fanout: room50 deliveries\/s at p99 < 100 ms \| 10,000 \| 10,000 \| 1\.00× \|/);
});

test('a missing stack gives a placeholder ratio and says so', () => {
  const { lines } = runReport([fanoutStep('socketio', 'fanout', 'room50', 0, 10000, 20)]);
  const at = lines.findIndex((l) => l.startsWith(FANOUT_RATIO));
  assert.match(lines[at - 1], /missing/);
  assert.equal(lines[at], `${FANOUT_RATIO}0.00`);
  assert.equal(lines.at(-1), `${CPU_RATIO}0.00`);
});

test('a run with no records at all still renders, every figure a dash', () => {
  const { lines, markdown } = runReport([]);
  assert.equal(lines.at(-1), `${CPU_RATIO}0.00`);
  assert.ok(lines.includes(`${FANOUT_RATIO}0.00`));
  assert.deepEqual(row(section(markdown, BACKPLANE), 'fanout-redis: room50 deliveries/s at p99 < 100 ms').slice(1), ['–', '–', '–']);
  assert.deepEqual(row(section(markdown, BACKPLANE), 'storm: 99 % reconnected+rejoined').slice(1), ['–', '–', '–']);
  assert.match(section(markdown, '### fanout-redis, room50'), /_no step that both stacks carried_/);
});

test('the goals section says which goal was met and by how much one was missed', () => {
  const records = [];
  for (const [scenario, variant] of FANOUT) {
    records.push(fanoutStep('socketio', scenario, variant, 0, 10000, 20));
    records.push(fanoutStep('realtimehub', scenario, variant, 0, variant === 'room50' ? 25000 : 15000, 20));
  }
  records.push(stormRecord('realtimehub', 900), stormRecord('socketio', 1000, 40));
  const { markdown } = runReport(records);
  assert.match(markdown, /\| goal \(issue 14\) \|/);
  assert.match(markdown, /\| fanout room50: RealtimeHub ≥ 2× Socket.IO deliveries\/s at p99 < 100 ms \| 25,000 vs 10,000 \| met \(2\.50×\) \|/);
  assert.match(markdown, /\| fanout room1000: .* \| 15,000 vs 10,000 \| missed: needs 2\.00×, measured 1\.50× \(25 % short\) \|/);
  assert.match(markdown, /\| storm: RealtimeHub loses no acknowledged delivery \| 10\/10 back, 0 deliveries lost \| met \|/);
  assert.match(markdown, /## Reproduce/);
});

test('the official backplane has its columns in the fanout-redis tables, and dashes where it did not run', () => {
  const records = [];
  for (const variant of ['room50', 'room1000']) {
    records.push(costStep('socketio', 'fanout-redis', variant, 10000, 0.5), costStep('realtimehub', 'fanout-redis', variant, 10000, 0.2,
      0.5, { redisCpuUsPerMessage: 12.5 }));
    if (variant === 'room50') {
      records.push(costStep('signalr', 'fanout-redis', variant, 10000, 0.4, 0.5, { redisCpuUsPerMessage: 30 }),
        fanoutStep('signalr', 'fanout-redis', variant, 1, 20000, 400, 0, { serverCpu: 0.9, loadgenCpu: 0.5 }));
    }
  }
  records.push(stormRecord('realtimehub', 900), stormRecord('signalr', 1800, 0, 9), stormRecord('socketio', 1000, 40));
  const { markdown, lines } = runReport(records);

  // Step table: a row of its own, labelled; the one-node table has none.
  assert.match(section(markdown, '## (4) Fan-out over two nodes and Redis'), /\| RealtimeHub \(official backplane\) \| 200 \|/);
  assert.doesNotMatch(section(markdown, '## (3) Fan-out on one node (goal: p99 < 100 ms, nothing lost)'), /official backplane\) \|/);
  // Cost: 20 µs and 40 µs per delivery against Socket.IO's 50; room1000 has no official step, so dashes.
  const cost50 = section(markdown, '### fanout-redis, room50');
  assert.match(cost50, /\| offered deliveries\/s \| RealtimeHub µs per delivery \| Socket.IO µs per delivery \| ratio \| official backplane µs per delivery \| official \/ Socket.IO \| verdict \|/);
  assert.match(cost50, /\| 10,000 \| 20\.0 \| 50\.0 \| 0\.40× \| 40\.0 \| 0\.80× \| counted \|/);
  assert.match(section(markdown, '### fanout-redis, room1000'), /\| 10,000 \| 20\.0 \| 50\.0 \| 0\.40× \| – \| – \| counted \|/);
  assert.doesNotMatch(section(markdown, '### fanout, room50'), /official/);
  // What the default backplane is worth: deliveries/s, µs per delivery, storm recovery.
  const worth = section(markdown, BACKPLANE);
  assert.deepEqual(row(worth, 'fanout-redis: room50 deliveries/s at p99 < 100 ms').slice(1), ['10,000', '10,000', '1.00×']);
  assert.deepEqual(row(worth, 'fanout-redis: room1000 deliveries/s at p99 < 100 ms').slice(1), ['10,000', '–', '–']);
  assert.deepEqual(row(worth, 'fanout-redis: room50 server µs per delivery (geometric mean over 1 rate both carried)').slice(1),
    ['20.0', '40.0', '0.50×']);
  assert.deepEqual(row(worth, 'fanout-redis: room1000 server µs per delivery (geometric mean over 0 rates both carried)').slice(1),
    ['–', '–', '–']);
  assert.deepEqual(row(worth, 'storm: 99 % reconnected+rejoined').slice(1), ['900 ms', '1,800 ms', '0.50×']);
  // The headline tables keep their two stacks.
  assert.deepEqual(row(markdown, 'fanout-redis: room50 deliveries/s at p99 < 100 ms').slice(1), ['10,000', '10,000', '1.00×', 'RealtimeHub ≥ 2×']);
  assert.match(section(markdown, '## (5) Reconnect storm (one node killed and restarted)'), /\| RealtimeHub \(official backplane\) \| 10 \|/);
  // Redis's CPU per message, per stack; Socket.IO's generator does not measure it.
  assert.match(section(markdown, '### Redis CPU per message: fanout-redis, room50'), /\| 200 \| 12\.5 \| 30\.0 \| – \|/);
  // The printed ratios stay RealtimeHub / Socket.IO: the official backplane's slower steps change nothing.
  assert.deepEqual(lines.slice(-2), [`${FANOUT_RATIO}1.00`, `${CPU_RATIO}0.40`]);
});

test('the cost goal is met when the worst counted step is at most 0.75× Socket.IO', () => {
  const records = halfCostFanoutSteps();
  records.push(costStep('socketio', 'fanout', 'room50', 20000, 0.8), costStep('realtimehub', 'fanout', 'room50', 20000, 0.6));
  records.push(echoStep('socketio', 1000, 2, { serverCpu: 0.2 }), echoStep('realtimehub', 1000, 1, { serverCpu: 0.08 }));
  const { markdown } = runReport(records);
  assert.deepEqual(row(markdown, 'fan-out: RealtimeHub server CPU per delivery ≤ 0.75× Socket.IO\'s at every step both carried').slice(1),
    ['worst 0.75× (fanout room50 at 20,000/s); 5 of 5 counted steps ≤ 0.75×', 'met (worst 0.75×)']);
  assert.deepEqual(row(markdown, 'echo: RealtimeHub server CPU per call ≤ 0.5× Socket.IO\'s at every step both carried').slice(1),
    ['worst 0.40× (echo at 1,000/s); 1 of 1 counted step ≤ 0.5×', 'met (worst 0.40×)']);
});

test('the cost goal is missed with the worst ratio and how many steps were over', () => {
  const records = halfCostFanoutSteps();
  records.push(costStep('socketio', 'fanout-redis', 'room1000', 20000, 0.5), costStep('realtimehub', 'fanout-redis', 'room1000', 20000, 0.45));
  records.push(echoStep('socketio', 1000, 2, { serverCpu: 0.2 }), echoStep('realtimehub', 1000, 1, { serverCpu: 0.12 }));
  const { markdown } = runReport(records);
  assert.deepEqual(row(markdown, 'fan-out: RealtimeHub server CPU per delivery ≤ 0.75× Socket.IO\'s at every step both carried').slice(1),
    ['worst 0.90× (fanout-redis room1000 at 20,000/s); 4 of 5 counted steps ≤ 0.75×', 'missed: worst 0.90×, needs ≤ 0.75× (20 % over); 1 of 5 over']);
  assert.deepEqual(row(markdown, 'echo: RealtimeHub server CPU per call ≤ 0.5× Socket.IO\'s at every step both carried').slice(1),
    ['worst 0.60× (echo at 1,000/s); 0 of 1 counted step ≤ 0.5×', 'missed: worst 0.60×, needs ≤ 0.5× (20 % over); 1 of 1 over']);
});

test('generator-bound steps are left out of the cost ratio, the cost goal and the 2× goal', () => {
  const records = [];
  // room50: a counted step at 0.50×, and a higher, generator-bound one at 2.00× that must not count anywhere.
  records.push(costStep('socketio', 'fanout', 'room50', 10000, 0.4), costStep('realtimehub', 'fanout', 'room50', 10000, 0.2));
  records.push(costStep('socketio', 'fanout', 'room50', 20000, 0.4), costStep('realtimehub', 'fanout', 'room50', 20000, 0.8, 0.95));
  records.push(costStep('realtimehub', 'fanout', 'room50', 40000, 0.9, 0.97));
  // room1000: every step Socket.IO carried was generator-bound.
  records.push(costStep('socketio', 'fanout', 'room1000', 10000, 0.4, 0.9), costStep('realtimehub', 'fanout', 'room1000', 10000, 0.2));
  const { markdown, lines } = runReport(records);
  assert.equal(lines.at(-1), `${CPU_RATIO}0.50`);
  assert.match(section(markdown, '### fanout, room50'), /\| 20,000 \| 40\.0 \| 20\.0 \| 2\.00× \(generator-bound\) \| generator-bound: left out \|/);
  assert.deepEqual(row(markdown, 'fan-out: RealtimeHub server CPU per delivery ≤ 0.75× Socket.IO\'s at every step both carried').slice(1),
    ['worst 0.50× (fanout room50 at 10,000/s); 1 of 1 counted step ≤ 0.75×; 2 generator-bound left out', 'met (worst 0.50×)']);
  // 2×: RealtimeHub's best passing step (40,000) is generator-bound, so 10,000 is judged against Socket.IO's 20,000.
  assert.deepEqual(row(markdown, 'fanout room50: RealtimeHub ≥ 2× Socket.IO deliveries/s at p99 < 100 ms').slice(1),
    ['10,000 (40,000 generator-bound, left out) vs 20,000', 'missed: needs 2.00×, measured 0.50× (75 % short)']);
  assert.deepEqual(row(markdown, 'fanout room1000: RealtimeHub ≥ 2× Socket.IO deliveries/s at p99 < 100 ms').slice(1),
    ['10,000 vs generator-bound', 'generator-bound: no verdict']);
});

test('echo p99 is judged at every rate both ran, generator-bound rates left out', () => {
  const records = [echoStep('socketio', 1000, 2), echoStep('realtimehub', 1000, 1),
    echoStep('socketio', 2000, 3), echoStep('realtimehub', 2000, 4),
    echoStep('socketio', 4000, 5, { loadgenCpu: 0.99 }), echoStep('realtimehub', 4000, 9),
    echoStep('realtimehub', 8000, 9)];
  const { markdown } = runReport(records);
  assert.deepEqual(row(markdown, 'echo: RealtimeHub p99 lower at every rate both ran').slice(1),
    ['lower at 1 of 2 rates; 1 generator-bound left out', 'missed at 2,000/s (4.00 vs 3.00 ms)']);
});

test('the storm goals: 99 % back no later than Socket.IO, and nothing acknowledged lost', () => {
  const recovery = 'storm: RealtimeHub 99 % reconnected+rejoined no later than Socket.IO';
  const loss = 'storm: RealtimeHub loses no acknowledged delivery';
  let { markdown } = runReport([stormRecord('realtimehub', 900), stormRecord('socketio', 1000, 40)]);
  assert.deepEqual(row(markdown, recovery).slice(1), ['900 ms vs 1,000 ms', 'met']);
  assert.deepEqual(row(markdown, loss).slice(1), ['10/10 back, 0 deliveries lost', 'met']);

  ({ markdown } = runReport([stormRecord('realtimehub', 1500, 3), stormRecord('socketio', 1000, 40)]));
  assert.deepEqual(row(markdown, recovery).slice(1), ['1,500 ms vs 1,000 ms', 'missed: 1.50× Socket.IO\'s (500 ms later)']);
  assert.deepEqual(row(markdown, loss).slice(1), ['10/10 back, 3 deliveries lost', 'missed: 3 acknowledged deliveries lost']);

  ({ markdown } = runReport([stormRecord('realtimehub', null, 0, 9), stormRecord('socketio', 1000, 40)]));
  assert.deepEqual(row(markdown, recovery).slice(1), ['never vs 1,000 ms', 'missed: RealtimeHub never had 99 % back']);
  assert.deepEqual(row(markdown, loss).slice(1), ['9/10 back, 0 deliveries lost', 'missed: 9 of 10 clients back']);

  ({ markdown } = runReport([stormRecord('realtimehub', 900)]));
  assert.deepEqual(row(markdown, recovery).slice(1), ['–', 'not measured']);
});

test('the sizing model fits the marginal cost per delivery and a node\'s fixed part from the counted steps', () => {
  // 2 nodes: 0.2 cores fixed (0.1 per node) + 10 µs per delivery; 1,000 connections; 20,000 B per idle connection.
  const records = [10000, 20000, 40000].map((d, i) => ({ ...fanoutStep('realtimehub', 'fanout-redis', 'room1000', i, d, 20),
    rate: d / 1000, roomSize: 1000, nodes: 2, connections: 1000, serverCpu: 0.2 + d * 10e-6, loadgenCpu: 0.5,
    redisCpuUsPerMessage: ((0.01 + (d / 1000) * 50e-6) * 1e6) / (d / 1000) }));
  records.push({ schema: 'realtimehub-bench/1', stack: 'realtimehub', scenario: 'idle', step: 0, bytesPerConnection: 20000 });
  const sizing = section(runReport(records).markdown, '## Sizing: 1,000,000 connections and 500,000 deliveries/s, on paper');
  // (500,000 + 1,000,000 / 15) × 10 µs = 5.67 cores over 2 × 0.6 − 0.1 = 1.1 per node: 6 nodes; memory 31.0 GiB: 8 nodes.
  assert.match(sizing, /\| rooms of 1,000 \| 10\.0 µs; 0\.10 core per node; 20,000 B; 50\.0 µs \(3 steps\) \| 5\.7 \| 31\.0 \| 8 \(16 cores\) \| 500 \|/);
  assert.match(sizing, /\| rooms of 50 \| 0 counted step\(s\): too few to fit \|/);
});
