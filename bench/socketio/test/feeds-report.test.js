'use strict';
// The Live feeds section (issue 19) of bench/report.js: its goals, judged from the raw records, and the feeds-only run
// that rewrites that section alone: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const { runReport, row, section } = require('./report-run');

const MIB = 1048576;
const HEADING = '## Live feeds (issue 19)';
const GOALS = {
  p99: 'publish → receipt p99 < 150 ms',
  bytes: 'bytes per watcher per second ≤ 0.25× Socket.IO\'s',
  cpu: 'server CPU (both nodes) ≤ 0.5× Socket.IO\'s',
  memory: 'pause: the paused watcher\'s node grows by < 5 MiB',
  others: 'pause: the others\' p99 unchanged (at most 25 % or 10 ms above the window before)',
};
const GOALS_LINE = 'live feeds goals met (RealtimeHub): ';

/** A feeds record: by default RealtimeHub meeting every goal against the Socket.IO record below. */
function feeds(stack, fields = {}) {
  return { schema: 'realtimehub-bench/1', stack, scenario: 'feeds', variant: null, step: 0, nodes: 2, connections: 1000,
    instruments: 100, keysPerWatcher: 20, maxPerSecond: 2, rate: 2000, batchesPerSec: 100, warmUpMs: 15000, durationMs: 10000,
    sent: 20000, acked: 20000, errors: 0, p50Ms: 40, p99Ms: 100, p999Ms: 120, samples: 400000, updatesPerWatcherPerSec: 40,
    publishedPerWatcherPerSec: 400, bytesPerWatcherPerSec: 6000, sendLagP99Ms: 2, serverCpu: 0.2, loadgenCpu: 0.5, rssBytes: 300 * MIB,
    pauseMs: 60000, pauseP50Ms: 40, pauseP99Ms: 105, pauseLoadgenCpu: 0.5, pauseRssBeforeBytes: 150 * MIB, pauseRssPeakBytes: 152 * MIB,
    pauseRssAfterBytes: 151 * MIB, pauseRssGrowthBytes: MIB, pauseRssPeakGrowthBytes: 2 * MIB, pauseControlRssGrowthBytes: MIB / 2,
    pausedKernelQueuedBytes: 20000, pausedCatchUpMs: 300, pausedBytesAfterResume: 30000, watchErrors: 0, ...fields };
}

const socketio = (fields = {}) => feeds('socketio', { p99Ms: 900, bytesPerWatcherPerSec: 40000, serverCpu: 0.9, pausedClosed: true, ...fields });

/** The verdict cell of a goal row in the Live feeds section. */
const verdict = (markdown, goal) => row(section(markdown, HEADING), goal)[3];

test('every feeds goal is met when RealtimeHub is within each limit, and the count is printed', () => {
  const { markdown, lines } = runReport([feeds('realtimehub'), socketio()]);
  assert.deepEqual(row(section(markdown, HEADING), GOALS.p99).slice(1), ['100.0 ms', '900.0 ms', 'met']);
  assert.deepEqual(row(markdown, GOALS.bytes).slice(1), ['6,000 B', '40,000 B', 'met (0.15×)']);
  assert.deepEqual(row(markdown, GOALS.cpu).slice(1), ['0.20 cores', '0.90 cores', 'met (0.22×)']);
  assert.equal(verdict(markdown, GOALS.memory), 'met');
  assert.match(row(markdown, GOALS.memory)[1], /^\+1\.0 MiB \(peak \+2\.0 MiB; other node \+0\.5 MiB\)$/);
  assert.deepEqual(row(markdown, GOALS.others).slice(1), ['100.0 → 105.0 ms', '900.0 → 105.0 ms', 'met']);
  assert.ok(lines.includes(`${GOALS_LINE}5 of 5`));
  // The section sits before Reproduce, and the ratio lines stay last.
  assert.ok(markdown.indexOf(HEADING) < markdown.indexOf('## Reproduce'));
  assert.match(lines.at(-1), /^server CPU per delivery ratio/);
});

test('a missed feeds goal says by how much', () => {
  const { markdown, lines } = runReport([
    feeds('realtimehub', { p99Ms: 180, bytesPerWatcherPerSec: 16000, serverCpu: 0.54, pauseRssGrowthBytes: 8 * MIB, pauseP99Ms: 400 }),
    socketio()]);
  assert.equal(verdict(markdown, GOALS.p99), 'missed: 30.0 ms over (1.20× the goal)');
  assert.equal(verdict(markdown, GOALS.bytes), 'missed: needs ≤ 0.25×, measured 0.40× (60 % over)');
  assert.equal(verdict(markdown, GOALS.cpu), 'missed: needs ≤ 0.5×, measured 0.60× (20 % over)');
  assert.equal(verdict(markdown, GOALS.memory), 'missed: +8.0 MiB, needs < 5 MiB (60 % over)');
  assert.equal(verdict(markdown, GOALS.others), 'missed: 2.22× the p99 before (220.0 ms higher; allowed 225.0 ms)');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 5`));
});

test('the others\' p99 may rise by 25 % or by 10 ms, whichever allows more', () => {
  const judged = (before, during) => verdict(runReport([feeds('realtimehub', { p99Ms: before, pauseP99Ms: during }), socketio()]).markdown, GOALS.others);
  assert.equal(judged(20, 30), 'met'); // +10 ms
  assert.match(judged(20, 30.5), /^missed: 1\.52× the p99 before \(10\.5 ms higher; allowed 30\.0 ms\)$/);
  assert.equal(judged(120, 150), 'met'); // +25 %
  assert.match(judged(120, 151), /^missed/);
});

test('failed publishes or ended watches fail the latency goal whatever the p99', () => {
  const { markdown } = runReport([feeds('realtimehub', { errors: 3, watchErrors: 1 }), socketio()]);
  assert.equal(verdict(markdown, GOALS.p99), 'missed: 3 failed publishes, 1 watches ended');
});

test('a generator-bound stack gets no verdict on the comparisons, and the pause is judged by its own generator figure', () => {
  const { markdown } = runReport([feeds('realtimehub', { pauseLoadgenCpu: 0.93 }), socketio({ loadgenCpu: 0.95 })]);
  assert.equal(verdict(markdown, GOALS.p99), 'met'); // RealtimeHub's own generator was not bound in the window
  assert.equal(verdict(markdown, GOALS.bytes), 'generator-bound: no verdict');
  assert.equal(verdict(markdown, GOALS.cpu), 'generator-bound: no verdict');
  assert.equal(verdict(markdown, GOALS.memory), 'met'); // the server's RSS does not depend on the generator
  assert.equal(verdict(markdown, GOALS.others), 'generator-bound: no verdict');

  const bound = runReport([feeds('realtimehub', { loadgenCpu: 0.9 }), socketio()]).markdown;
  assert.equal(verdict(bound, GOALS.p99), 'generator-bound: no verdict');
});

test('a pause shorter than the goal\'s 60 s is named in the memory verdict', () => {
  const { markdown } = runReport([feeds('realtimehub', { pauseMs: 20000 }), socketio({ pauseMs: 20000 })], { machine: { quick: 1 } });
  assert.equal(verdict(markdown, GOALS.memory), 'met; a 20 s pause, not 60 s');
  assert.match(section(markdown, HEADING), /\*\*Quick run\*\*/);
});

test('without Socket.IO the ratio goals are not measured, and a run without feeds records says so', () => {
  let { markdown } = runReport([feeds('realtimehub')]);
  assert.equal(verdict(markdown, GOALS.bytes), 'not measured');
  assert.equal(verdict(markdown, GOALS.p99), 'met');

  let lines;
  ({ markdown, lines } = runReport([]));
  assert.match(section(markdown, HEADING), /Not measured in this run/);
  assert.equal(verdict(markdown, GOALS.memory), 'not measured');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 5 (not measured)`));
});

test('a feeds-only report rewrites the Live feeds section and keeps every other line of the file', () => {
  const before = ['# Benchmarks', '', '## (5) Reconnect storm', '', 'storm text', '', HEADING, '', 'old feeds figures', '',
    '## Reproduce', '', 'steps', '', '## (6) Fan-out through a Redis Cluster', '', 'shards'].join('\n');
  const { markdown, lines } = runReport([feeds('realtimehub'), socketio()], { existing: before, args: ['--only', 'feeds'] });
  assert.doesNotMatch(markdown, /old feeds figures/);
  assert.equal(verdict(markdown, GOALS.p99), 'met');
  const kept = (text) => text.split('\n').filter((l) => !section(markdown, HEADING).split('\n').includes(l));
  assert.deepEqual(kept(markdown), kept(before.replace('old feeds figures\n', '')));
  assert.equal(markdown.match(/^## Live feeds/gm).length, 1);
  assert.deepEqual(lines.slice(-1), [`${GOALS_LINE}5 of 5`]);
});

test('a feeds-only report adds the section before Reproduce when the file has none, or starts a file', () => {
  const before = ['# Benchmarks', '', '## (5) Reconnect storm', '', '## Reproduce', '', 'steps'].join('\n');
  const { markdown } = runReport([feeds('realtimehub'), socketio()], { existing: before, args: ['--only', 'feeds'] });
  const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(headings, ['## (5) Reconnect storm', HEADING, '## Reproduce']);

  const fresh = runReport([feeds('realtimehub'), socketio()], { args: ['--only', 'feeds'] }).markdown;
  assert.match(fresh, /^# Benchmarks/);
  assert.equal(verdict(fresh, GOALS.cpu), 'met (0.22×)');
});
