'use strict';
// bench/report.js judges both stacks alike from the raw records: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const REPORT = path.join(__dirname, '..', '..', 'report.js');

function fanoutStep(stack, scenario, variant, step, deliveriesPerSec, p99Ms, lost = 0) {
  return { schema: 'realtimehub-bench/1', stack, scenario, variant, step, rate: deliveriesPerSec / 50,
    offeredDeliveriesPerSec: deliveriesPerSec, deliveriesPerSec, p99Ms, lost, errors: 0 };
}

function runReport(records) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  fs.writeFileSync(path.join(dir, 'machine.json'), JSON.stringify({ cpuModel: 'test', cpus: 2, memBytes: 1, quick: 1, layout: 'x' }));
  fs.writeFileSync(path.join(dir, 'all.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  const out = execFileSync(process.execPath, [REPORT, dir, path.join(dir, 'docs', 'BENCHMARKS.md')], { encoding: 'utf8' });
  return { out, markdown: fs.readFileSync(path.join(dir, 'docs', 'BENCHMARKS.md'), 'utf8'), dir };
}

test('the ratio is the geometric mean of best passing deliveries/s per fan-out variant', () => {
  const records = [];
  for (const [scenario, variant] of [['fanout', 'room50'], ['fanout', 'room1000'], ['fanout-redis', 'room50'], ['fanout-redis', 'room1000']]) {
    records.push(fanoutStep('socketio', scenario, variant, 0, 10000, 20), fanoutStep('socketio', scenario, variant, 1, 20000, 150));
    records.push(fanoutStep('realtimehub', scenario, variant, 0, 20000, 20), fanoutStep('realtimehub', scenario, variant, 1, 40000, 90),
      fanoutStep('realtimehub', scenario, variant, 2, 80000, 90, 3)); // lost deliveries: does not count
  }
  const { out, dir } = runReport(records);
  const lines = out.trim().split('\n');
  assert.equal(lines.at(-1), 'fan-out deliveries/s ratio (RealtimeHub / Socket.IO): 4.00');
  assert.ok(fs.existsSync(path.join(dir, 'docs', 'benchmarks-fanout.svg')));
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
  const { out } = runReport([fanoutStep('socketio', 'fanout', 'room50', 0, 10000, 20)]);
  const lines = out.trim().split('\n');
  assert.match(lines.at(-2), /missing/);
  assert.equal(lines.at(-1), 'fan-out deliveries/s ratio (RealtimeHub / Socket.IO): 0.00');
});

test('the goals section says which goal was met and by how much one was missed', () => {
  const records = [];
  for (const [scenario, variant] of [['fanout', 'room50'], ['fanout', 'room1000'], ['fanout-redis', 'room50'], ['fanout-redis', 'room1000']]) {
    records.push(fanoutStep('socketio', scenario, variant, 0, 10000, 20));
    records.push(fanoutStep('realtimehub', scenario, variant, 0, variant === 'room50' ? 25000 : 15000, 20));
  }
  records.push({ schema: 'realtimehub-bench/1', stack: 'realtimehub', scenario: 'storm', step: 0, connections: 10, reconnected: 10, lost: 0 });
  const { markdown } = runReport(records);
  assert.match(markdown, /\| fanout room50: RealtimeHub ≥ 2× Socket.IO deliveries\/s at p99 < 100 ms \| 25,000 vs 10,000 \| met \(2\.50×\) \|/);
  assert.match(markdown, /\| fanout room1000: .* \| 15,000 vs 10,000 \| missed: needs 2\.00×, measured 1\.50× \(25 % short\) \|/);
  assert.match(markdown, /\| storm: RealtimeHub recovers with no acknowledged message lost \| 10\/10 back, 0 deliveries lost \| met \|/);
  assert.match(markdown, /## Reproduce/);
});
