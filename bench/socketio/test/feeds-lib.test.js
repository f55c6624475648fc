'use strict';
// The feeds load's shape (lib/feeds.js) and the kernel-queue reading: node --test bench/socketio/test
// The literals below are asserted by Hub.Tests/Bench/FeedsLayoutTests.cs too, so both generators send the same load.
const test = require('node:test');
const assert = require('node:assert/strict');
const feeds = require('../lib/feeds');
const { queuedOf } = require('../lib/procstats');

test('an update is a quote with the scheduled publish time, the same text as Hub.Cli sends', () => {
  assert.equal(feeds.updateJson(12345, 500, 1234.5678),
    '{"key":"SYM345","value":{"price":94.24,"change":-0.76,"volume":1024,"t":1234.568}}');
  assert.equal(feeds.updateJson(0, 100, 0), '{"key":"SYM000","value":{"price":49.00,"change":-1.00,"volume":1000,"t":0.000}}');
});

test('a watcher watches 20 distinct instruments, and every instrument has the same number of watchers', () => {
  assert.deepEqual(feeds.watcherInstruments(3, 500), [111, 136, 161, 186, 211, 236, 261, 286, 311, 336, 361, 386, 411, 436, 461, 486, 11, 36, 61, 86]);
  for (const [watchers, instruments, each] of [[5000, 500, 200], [1000, 100, 200], [10, 20, 10]]) {
    for (let w = 0; w < watchers; w += 97) assert.equal(new Set(feeds.watcherInstruments(w, instruments)).size, 20);
    assert.deepEqual([...new Set(feeds.watchersPerInstrument(watchers, instruments))], [each]);
  }
});

test('batches every 10 ms add up to the rate each second, fractions included', () => {
  for (const rate of [10000, 2000, 250, 33]) {
    let sum = 0;
    for (let batch = 0; batch < 100; batch++) sum += feeds.batchSize(batch, rate);
    assert.equal(sum, rate);
  }
});

test('the publish time is read from a raw update frame', () => {
  assert.equal(feeds.timestampOf(Buffer.from('42["update",{"feed":"quotes","key":"SYM001","value":{"price":1.5,"t":8812.125}}]')), 8812.125);
  assert.equal(feeds.timestampOf(Buffer.from('42["update",{"key":"SYM001"}]')), null);
});

test('the kernel queue of a connection is the client end\'s rx_queue or the server end\'s tx_queue', () => {
  // 127.0.0.1:0x5208 (21000) is the server, 127.0.0.1:0xA001 (40961) the client.
  const server = '   3: 0100007F:5208 0100007F:A001 01 0000F000:00000000 01:00000014 00000000     0        0 1 1 0 20 4 30 10 -1';
  const client = '   4: 0100007F:A001 0100007F:5208 01 00000000:00000C00 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1';
  assert.equal(queuedOf(server, 40961, 21000), 0xf000);
  assert.equal(queuedOf(client, 40961, 21000), 0xc00);
  assert.equal(queuedOf(client, 40962, 21000), null);
  assert.equal(queuedOf('  sl  local_address rem_address   st tx_queue rx_queue', 40961, 21000), null);
});
