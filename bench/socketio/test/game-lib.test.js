'use strict';
// The game scenario's step (lib/game-step.js): what it reads from /proc and Redis, the bots' arguments, the record it
// makes of the snapshots around the window, and when a step ends the ladder: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const game = require('../../lib/game-step');

test('CPU ticks are utime + stime, counted after the command name even when it holds spaces and parentheses', () => {
  const stat = '4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1500 250 0 0 20 0 30 0 123 456 789';
  assert.equal(game.parseProcStat(stat), 1750);
});

test('RSS and Redis INFO are read from their text', () => {
  assert.equal(game.parseRss('Name:\tdotnet\nVmRSS:\t  204800 kB\nVmSwap:\t0 kB\n'), 204800 * 1024);
  assert.equal(game.parseRss('Name:\tzombie\n'), null);
  const info = '# Stats\r\ntotal_connections_received:12\r\ntotal_commands_processed:98765\r\n# CPU\r\nused_cpu_sys:1.500000\r\nused_cpu_user:2.250000\r\n';
  assert.deepEqual(game.parseRedisInfo(info), { commands: 98765, cpuSeconds: 3.75 });
});

test('the bots get both nodes, the issue\'s input rate, the warm-up and a window two seconds longer than the servers\'', () => {
  assert.deepEqual(game.botsArgs({ servers: ['http://a:1', 'http://b:2'], players: 1000, protocol: 'messagepack', warmupS: 15, windowS: 30 }),
    ['--url', 'http://a:1', '--url', 'http://b:2', '--count', '1000', '--kind', 'arena', '--protocol', 'messagepack',
      '--input-rate', '10', '--warmup', '15', '--duration', '32', '--json', '--progress']);
});

const node = (cpuTicks, rssBytes, games) => ({ cpuTicks, rssBytes, games });
const games = (ticks, lateTicks, skippedTicks, fields = {}) => ({ matches: 63, seats: 500, ticks, lateTicks, skippedTicks,
  tickP50Ms: 0.4, tickP99Ms: 2.5, tickMaxMs: 30, ...fields });
const meta = { variant: 'json', step: 0, quick: false, servers: ['http://a:1', 'http://b:2'], players: 1000, protocol: 'json', warmupS: 15 };
const summary = { seated: 1000, connected: 1000, matches: 125, windowSeconds: 32, inputsSent: 320000, statesPerPlayerPerSecond: 10,
  bytesReceived: 64000000, bytesPerPlayerPerSecond: 2000, errors: 0, lastError: null,
  inputToDelta: { p50Ms: 40, p99Ms: 80, p999Ms: 95, maxMs: 120, meanMs: 42, samples: 300000 } };

/** Snapshots 30 s apart: node 1 ran 600 ticks with one late, node 2 600 with none; Redis did 60,000 commands. */
function snapshots({ late = [0, 1], generatorTicks = 1500 } = {}) {
  const idle = { atMs: 0, nodes: [node(100, 100 << 20, games(10, 0, 0)), node(100, 100 << 20, games(10, 0, 0))], redis: { commands: 5, cpuSeconds: 0 }, generatorCpuTicks: null };
  const before = { atMs: 1000, nodes: [node(1000, 150 << 20, games(400, 2, 0)), node(1000, 150 << 20, games(400, 0, 0))],
    redis: { commands: 10000, cpuSeconds: 1 }, generatorCpuTicks: 500 };
  const after = { atMs: 31000, nodes: [node(2500, 160 << 20, games(1000, 2 + late[0], 0, { tickP99Ms: 3.1 })), node(1900, 170 << 20, games(1000, late[1], 0, { matches: 62 }))],
    redis: { commands: 70000, cpuSeconds: 4 }, generatorCpuTicks: 500 + generatorTicks };
  return { idle, before, after };
}

test('the record holds the window\'s deltas: ticks, late ticks, CPU, Redis commands per tick, and per-match figures', () => {
  const r = game.gameRecord({ ...snapshots(), summary, meta, clockTicks: 100 });
  assert.equal(r.scenario, 'game');
  assert.equal(r.durationMs, 30000);
  assert.deepEqual([r.ticks, r.lateTicks, r.skippedTicks, r.nodeLateTicks], [1200, 1, 0, [0, 1]]);
  assert.deepEqual(r.nodeCpu, [0.5, 0.3]);
  assert.equal(r.serverCpu, 0.8);
  assert.equal(r.loadgenCpu, 0.5);
  assert.equal(r.redisCommands, 60000);
  assert.equal(r.redisCommandsPerTick, 50);
  assert.equal(r.redisCpu, 0.1);
  assert.deepEqual([r.matches, r.serverMatches, r.botMatches], [125, 125, 125]);
  assert.equal(r.cpuPerMatch, 0.0064);
  assert.equal(r.rssPerMatchBytes, Math.round((130 << 20) / 125));
  assert.deepEqual([r.tickP99Ms, r.nodeTickP99Ms], [3.1, [3.1, 2.5]]);
  assert.deepEqual([r.p50Ms, r.p99Ms, r.bytesPerPlayerPerSecond], [40, 80, 2000]);
  assert.equal(r.limit, 'server');
});

test('a step holds with no late tick, every player seated and the generator below 0.9 of a core', () => {
  assert.equal(game.gameRecord({ ...snapshots({ late: [0, 0] }), summary, meta }).limit, null);
  assert.equal(game.gameRecord({ ...snapshots({ late: [0, 0], generatorTicks: 2700 }), summary, meta }).limit, 'generator');
  assert.equal(game.gameRecord({ ...snapshots({ late: [0, 0] }), summary: { ...summary, seated: 990 }, meta }).limit, 'seats');
  // Late ticks are the server's limit even when the generator saturated too.
  assert.equal(game.gameRecord({ ...snapshots({ late: [3, 0], generatorTicks: 2700 }), summary, meta }).limit, 'server');
});

test('a step without a window or without a seated player failed', () => {
  const { idle } = snapshots();
  const r = game.gameRecord({ idle, before: null, after: null, summary: null, meta });
  assert.equal(r.limit, 'failed');
  assert.deepEqual([r.durationMs, r.ticks, r.serverCpu, r.p99Ms], [null, null, null, null]);
  assert.equal(game.gameRecord({ ...snapshots(), summary: { ...summary, seated: 0 }, meta }).limit, 'failed');
});
