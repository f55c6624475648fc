'use strict';
// The Multiplayer matches section (issue 21) of bench/report.js: its goals, judged from the raw records, the ladder's
// outcome, and the game-only run that rewrites that section alone: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const { runReport, row, section } = require('./report-run');

const HEADING = '## Multiplayer matches (issue 21)';
const GOALS = {
  ticks: 'no late ticks at the issue\'s load (both nodes, late or skipped, in the window)',
  p99: 'input → own delta p99 < 100 ms',
  bytes: 'MessagePack bytes per player per second ≤ 0.5× JSON\'s',
};
const GOALS_LINE = 'multiplayer matches goals met (RealtimeHub): ';

/** A game record as lib/game-step.js writes it; the load, held, by default. */
function run(variant, fields = {}) {
  const r = { schema: 'realtimehub-bench/1', stack: 'realtimehub', scenario: 'game', variant, step: 0, nodes: 2, players: 1000,
    connections: 1000, protocol: variant === 'messagepack' ? 'messagepack' : 'json', seatsPerMatch: 8, tickRate: 20, statesPerSecond: 10,
    inputRate: 10, warmUpMs: 15000, durationMs: 30000, botWindowMs: 32000, seated: 1000, matches: 125, ticks: 1200, lateTicks: 0,
    skippedTicks: 0, nodeTickP50Ms: [0.5, 0.6], nodeTickP99Ms: [2.5, 3.5], nodeTickMaxMs: [20, 30], tickP99Ms: 3.5, p50Ms: 40,
    p99Ms: 80, p999Ms: 95, maxMs: 120, statesPerPlayerPerSecond: 10, bytesPerPlayerPerSecond: variant === 'messagepack' ? 800 : 2000,
    serverCpu: 0.8, nodeCpu: [0.4, 0.4], cpuPerMatch: 0.0064, rssBytes: 400 * 1048576, idleRssBytes: 200 * 1048576,
    rssPerMatchBytes: 1677722, redisCommandsPerTick: 50, redisCommandsPerSec: 2000, redisCpu: 0.1, loadgenCpu: 0.5, errors: 0, limit: null, ...fields };
  return r;
}
const ladder = (players, step, fields = {}) => run('ladder', { players, connections: players, step, matches: players / 8, ...fields });

const verdict = (markdown, goal) => row(section(markdown, HEADING), goal)[3];

test('all three match goals are met within their limits, and the count is printed beside the others', () => {
  const { markdown, lines } = runReport([run('json'), run('messagepack', { step: 1 })]);
  const game = section(markdown, HEADING);
  assert.deepEqual(row(game, GOALS.ticks).slice(1), ['0 late, 0 skipped', '0 late, 0 skipped', 'met']);
  assert.deepEqual(row(game, GOALS.p99).slice(1), ['80.0 ms', '80.0 ms', 'met']);
  assert.deepEqual(row(game, GOALS.bytes).slice(1), ['2,000 B', '800 B', 'met (0.40×)']);
  assert.ok(lines.includes(`${GOALS_LINE}3 of 3`));
  assert.ok(markdown.indexOf('## Collaborative documents') < markdown.indexOf(HEADING));
  assert.ok(markdown.indexOf(HEADING) < markdown.indexOf('## Reproduce'));
  assert.match(game, /RealtimeHub only: this benchmark has no peer for matches/);
});

test('a missed match goal says by how much', () => {
  const { markdown, lines } = runReport([run('json', { lateTicks: 3, p99Ms: 150 }), run('messagepack', { step: 1, skippedTicks: 2, bytesPerPlayerPerSecond: 1500 })]);
  assert.equal(verdict(markdown, GOALS.ticks), 'missed: JSON 3 late and 0 skipped; MessagePack 0 late and 2 skipped');
  assert.equal(verdict(markdown, GOALS.p99), 'missed: JSON 50.0 ms over (1.50× the goal)');
  assert.equal(verdict(markdown, GOALS.bytes), 'missed: needs ≤ 0.5×, measured 0.75× (50 % over)');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 3`));
});

test('players left without a seat fail the latency goal', () => {
  const { markdown } = runReport([run('json', { seated: 990 }), run('messagepack', { step: 1 })]);
  assert.equal(verdict(markdown, GOALS.p99), 'missed: not every player seated (JSON 990 of 1,000)');
});

test('a generator at 0.9 of a core or more withholds every verdict', () => {
  const { markdown, lines } = runReport([run('json', { loadgenCpu: 0.95, lateTicks: 4 }), run('messagepack', { step: 1 })]);
  for (const goal of Object.values(GOALS)) assert.equal(verdict(markdown, goal), 'generator-bound: no verdict');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 3`));
});

test('a missing MessagePack run leaves the byte goal unjudged and is named in the others', () => {
  const { markdown } = runReport([run('json')]);
  assert.equal(verdict(markdown, GOALS.bytes), 'not measured');
  assert.equal(verdict(markdown, GOALS.ticks), 'met (MessagePack not measured)');
});

test('the figures show both protocols side by side, per node where the nodes differ', () => {
  const { markdown } = runReport([run('json'), run('messagepack', { step: 1 })]);
  const game = section(markdown, HEADING);
  assert.deepEqual(row(game, 'tick duration p99, node 1 / node 2 (since start)').slice(1), ['2.50 / 3.50 ms', '2.50 / 3.50 ms']);
  assert.deepEqual(row(game, 'server CPU per match').slice(1, 2), ['6.40 ms per s (0.640 % of a core)']);
  assert.deepEqual(row(game, 'memory per match (RSS growth since the bots joined / matches)').slice(1, 2), ['1,638.4 KiB']);
  assert.deepEqual(row(game, 'Redis commands per tick (both nodes\' ticks)').slice(1), ['50.0', '50.0']);
});

test('the ladder reports the largest count with no late tick, and why it stopped', () => {
  const records = [run('json'), run('messagepack', { step: 1 }), ladder(1500, 2), ladder(2000, 3, { lateTicks: 5, skippedTicks: 1, limit: 'server' })];
  const game = section(runReport(records).markdown, HEADING);
  assert.match(game, /\*\*Largest number of players with no late tick: 1,500\*\* \(188 matches/);
  assert.match(game, /The ladder stopped at 2,000 players: late or skipped ticks \(5 late, 1 skipped\)\./);
  assert.deepEqual(row(game, '1,000').slice(-1), ['held']);
  assert.deepEqual(row(game, '2,000').slice(-1), ['late or skipped ticks']);
});

test('a ladder stopped by the generator says so, and the nodes may hold more', () => {
  const records = [run('json'), ladder(1500, 2), ladder(2000, 3, { loadgenCpu: 0.97, limit: 'generator' })];
  const game = section(runReport(records).markdown, HEADING);
  assert.match(game, /Largest number of players with no late tick: 1,500\*\*/);
  assert.match(game, /stopped at 2,000 players because \*\*the generator\*\* saturated \(0\.97 cores\), not the server/);
});

test('a ladder that reached its last step without a limit says the nodes hold at least that', () => {
  const game = section(runReport([run('json'), ladder(1500, 2)]).markdown, HEADING);
  assert.match(game, /without reaching a limit: the two nodes hold at least that/);
});

test('a run without game records says so', () => {
  const { markdown, lines } = runReport([]);
  assert.match(section(markdown, HEADING), /Not measured in this run/);
  assert.equal(verdict(markdown, GOALS.ticks), 'not measured');
  assert.ok(lines.includes(`${GOALS_LINE}0 of 3 (not measured)`));
});

test('a game-only report rewrites the Multiplayer matches section and keeps every other line of the file', () => {
  const before = ['# Benchmarks', '', '## Collaborative documents (issue 20)', '', 'docs figures', '', HEADING, '', 'old game figures', '',
    '## Reproduce', '', 'steps'].join('\n');
  const { markdown, lines } = runReport([run('json'), run('messagepack', { step: 1 })], { existing: before, args: ['--only', 'game'] });
  assert.doesNotMatch(markdown, /old game figures/);
  assert.match(markdown, /docs figures/);
  const kept = (text) => text.split('\n').filter((l) => !section(markdown, HEADING).split('\n').includes(l));
  assert.deepEqual(kept(markdown), kept(before.replace('old game figures\n', '')));
  assert.deepEqual(lines.slice(-1), [`${GOALS_LINE}3 of 3`]);
});

test('a game-only report adds its section before Reproduce when the file has none', () => {
  const before = ['# Benchmarks', '', '## Live feeds (issue 19)', '', '## Reproduce', '', 'steps'].join('\n');
  const { markdown } = runReport([run('json')], { existing: before, args: ['--only', 'game'] });
  const headings = markdown.split('\n').filter((l) => l.startsWith('## '));
  assert.deepEqual(headings, ['## Live feeds (issue 19)', HEADING, '## Reproduce']);
});
