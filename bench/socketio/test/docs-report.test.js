'use strict';
// The Collaborative documents section (issue 20) of bench/report.js: its goals, judged from the raw records, and the
// docs-only run that rewrites that section alone: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const { runReport, row, section } = require('./report-run');

const HEADING = '## Collaborative documents (issue 20)';
const GOALS = {
  p99: 'update latency p99 < 100 ms (push → receipt by the other editors)',
  reconnect: 'reconnect after compaction < 2× the snapshot (bytes read until current)',
};
const GOALS_LINE = 'collaborative documents goals met (RealtimeHub): ';

/** RealtimeHub's many-document record, meeting both goals by default. */
function many(fields = {}) {
  return { schema: 'realtimehub-bench/1', stack: 'realtimehub', scenario: 'docs', variant: 'many', step: 0, nodes: 2, documents: 50,
    editorsPerDoc: 20, connections: 1000, charsPerSecond: 5, rate: 5000, warmUpMs: 15000, durationMs: 30000, sent: 150000,
    acked: 150000, errors: 0, p50Ms: 12, p99Ms: 80, p999Ms: 95, samples: 2850000, deliveriesPerSec: 95000,
    expectedDeliveriesPerSec: 95000, serverCpu: 0.95, loadgenCpu: 0.6, redisCpu: 0.3, rssBytes: 300 * 1048576,
    compactions: 300, snapshotRequests: 300, snapshotsRefused: 0, redisDocBytesBefore: 350000, redisDocBytesAfter: 290000,
    redisLogBytesBefore: 80000, redisLogBytesAfter: 16000, redisKeyBytesBefore: { updates: 64000, 'client-ids': 270000 },
    redisKeyBytesAfter: { updates: 300, 'client-ids': 272000 }, snapshotBytes: 4000, redisUsedMemoryBytes: 20 * 1048576,
    reconnectAwayMs: 10500, reconnectMissedUpdates: 1010, reconnectAfterCompaction: true, reconnectMs: 90,
    reconnectBytes: 7000, reconnectHandshakeBytes: 480, reconnectLiveBytes: 2500, reconnectSnapshotBytes: 4000,
    reconnectTailUpdates: 4, reconnectConverged: true, ...fields };
}

const one = (stack, fields = {}) => ({ schema: 'realtimehub-bench/1', stack, scenario: 'docs', variant: 'one', step: 0,
  nodes: stack === 'realtimehub' ? 2 : 1, documents: 1, editorsPerDoc: 20, connections: 20, rate: 100, durationMs: 30000,
  sent: 3000, errors: 0, p50Ms: 4, p99Ms: 40, p999Ms: 60, deliveriesPerSec: 1900, expectedDeliveriesPerSec: 1900,
  serverCpu: stack === 'realtimehub' ? 0.3 : 0.15, loadgenCpu: 0.2, rssBytes: 100 * 1048576, ...fields });

const verdict = (markdown, goal) => row(section(markdown, HEADING), goal)[2];

test('both documents goals are met within their limits, and the count is printed beside the others', () => {
  const { markdown, lines } = runReport([many(), one('realtimehub'), one('hocuspocus')]);
  assert.deepEqual(row(section(markdown, HEADING), GOALS.p99).slice(1), ['80.0 ms', 'met']);
  assert.deepEqual(row(markdown, GOALS.reconnect).slice(1), ['7,000 B for a 4,000 B snapshot', 'met (1.75×)']);
  assert.ok(lines.includes(`${GOALS_LINE}2 of 2`));
  assert.ok(markdown.indexOf('## Live feeds') < markdown.indexOf(HEADING));
  assert.ok(markdown.indexOf(HEADING) < markdown.indexOf('## Reproduce'));
  assert.match(lines.at(-1), /^server CPU per delivery ratio/);
});

test('a missed documents goal says by how much', () => {
  const { markdown, lines } = runReport([many({ p99Ms: 150, reconnectBytes: 10000 })]);
  assert.equal(verdict(markdown, GOALS.p99), 'missed: 50.0 ms over (1.50× the goal)');
  assert.equal(verdict(markdown, GOALS.reconnect), 'missed: 2.50× the snapshot (25 % over)');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 2`));
});

test('editor errors fail the latency goal, and a saturated generator gets no latency verdict', () => {
  assert.match(verdict(runReport([many({ errors: 2 })]).markdown, GOALS.p99), /^missed: 2 editor errors/);
  const { markdown } = runReport([many({ loadgenCpu: 0.95, p99Ms: 300 })]);
  assert.equal(verdict(markdown, GOALS.p99), 'generator-bound: no verdict');
  assert.equal(verdict(markdown, GOALS.reconnect), 'met (1.75×)'); // bytes do not depend on the generator's CPU
});

test('a reconnect without a compaction while away, or without a snapshot, is not judged', () => {
  assert.equal(verdict(runReport([many({ reconnectAfterCompaction: false })]).markdown, GOALS.reconnect),
    'not measured: no compaction while the editor was away');
  assert.equal(verdict(runReport([many({ reconnectSnapshotBytes: null })]).markdown, GOALS.reconnect),
    'not measured: the reopen brought no snapshot (no compaction)');
});

test('the figures show Redis memory key by key and the one-document comparison side by side', () => {
  const { markdown } = runReport([many(), one('realtimehub'), one('hocuspocus')]);
  const docs = section(markdown, HEADING);
  assert.equal(row(docs, 'Redis per document before → after compaction, key by key')[1], 'updates 64,000 → 300; client-ids 270,000 → 272,000');
  assert.equal(row(docs, 'reconnect: snapshot + tail it got')[1], '4,000 B + 4 updates');
  assert.deepEqual(row(docs, 'server CPU (cores; RealtimeHub: both nodes, Redis not counted)').slice(1), ['0.30', '0.15', '2.00×']);
  assert.deepEqual(row(docs, 'latency p99').slice(1), ['40.0 ms', '40.0 ms', '1.00×']);
  assert.deepEqual(row(docs, 'server processes').slice(1, 3), ['2 nodes + Redis', '1, no Redis']);
});

test('a run without docs records says so', () => {
  const { markdown, lines } = runReport([]);
  assert.match(section(markdown, HEADING), /not measured in this run/);
  assert.equal(verdict(markdown, GOALS.p99), 'not measured');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 2 (not measured)`));
});

test('a docs-only report rewrites the Collaborative documents section and keeps every other line of the file', () => {
  const before = ['# Benchmarks', '', '## Live feeds (issue 19)', '', 'feeds figures', '', HEADING, '', 'old docs figures', '',
    '## Reproduce', '', 'steps'].join('\n');
  const { markdown, lines } = runReport([many()], { existing: before, args: ['--only', 'docs'] });
  assert.doesNotMatch(markdown, /old docs figures/);
  assert.match(markdown, /feeds figures/);
  const kept = (text) => text.split('\n').filter((l) => !section(markdown, HEADING).split('\n').includes(l));
  assert.deepEqual(kept(markdown), kept(before.replace('old docs figures\n', '')));
  assert.deepEqual(lines.slice(-1), [`${GOALS_LINE}2 of 2`]);
});

test('a feeds and docs run adds both sections before Reproduce, in order, and prints both counts', () => {
  const before = ['# Benchmarks', '', '## (5) Reconnect storm', '', '## Reproduce', '', 'steps'].join('\n');
  const { markdown, lines } = runReport([many()], { existing: before, args: ['--only', 'feeds,docs'] });
  const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(headings, ['## (5) Reconnect storm', '## Live feeds (issue 19)', HEADING, '## Reproduce']);
  assert.deepEqual(lines.slice(-2), ['live feeds goals met (RealtimeHub): 0 of 5 (not measured)', `${GOALS_LINE}2 of 2`]);
});
