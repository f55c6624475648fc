'use strict';
// Checks of the generator's measuring parts: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const { Histogram, bucketOf, upperEdgeOf } = require('../lib/histogram');
const { stringField } = require('../lib/sioclient');
const { openLoop, ladder } = require('../lib/load');
const { mintToken } = require('../lib/token');

test('every value falls in a bucket whose upper edge covers it within 1/64', () => {
  for (const v of [0, 1, 127, 128, 129, 255, 256, 1000, 65535, 1e6, 2 ** 31 - 1]) {
    const edge = upperEdgeOf(bucketOf(v));
    assert.ok(edge >= v, `edge ${edge} below ${v}`);
    assert.ok(edge - v <= Math.max(1, v / 64), `edge ${edge} too far from ${v}`);
  }
});

test('percentiles of a uniform spread land within 1.6 % of the truth', () => {
  const h = new Histogram();
  for (let i = 1; i <= 100000; i++) h.recordMs(i / 1000); // 1 us .. 100 ms
  for (const [p, truth] of [[50, 50], [99, 99], [99.9, 99.9]]) {
    const got = h.percentileMs(p);
    assert.ok(Math.abs(got - truth) / truth < 0.016, `p${p} = ${got}, expected about ${truth}`);
  }
  assert.equal(h.summary().samples, 100000);
});

test('an empty histogram reports null percentiles', () => {
  assert.equal(new Histogram().summary().p99Ms, null);
});

test('a single outlier shows at p99.9 but not at p50', () => {
  const h = new Histogram();
  for (let i = 0; i < 999; i++) h.recordMs(1);
  h.recordMs(500);
  assert.ok(h.percentileMs(50) < 1.1);
  assert.ok(h.percentileMs(100) >= 500);
});

test('stringField picks a field out of a raw Socket.IO frame', () => {
  const frame = '42["message",{"room":"r1","text":"hi","clientMessageId":"room502.17"}]';
  assert.equal(stringField(frame, 'clientMessageId'), 'room502.17');
  assert.equal(stringField(frame, 'missing'), null);
});

test('the open loop fires the scheduled count with schedule times one interval apart', async () => {
  const times = [];
  const { sent } = await openLoop(500, 100, (i, at) => times.push(at));
  assert.equal(sent, 50);
  assert.equal(times.length, 50);
  assert.ok(Math.abs(times[10] - times[9] - 2) < 1e-9);
});

test('ladders rise geometrically up to the cap', () => {
  assert.deepEqual(ladder(1000, 2, 8000), [1000, 2000, 4000, 8000]);
});

test('minted tokens carry the RealtimeHub claims and verify with jsonwebtoken', () => {
  const jwt = require('jsonwebtoken');
  const key = 'k'.repeat(32);
  const claims = jwt.verify(mintToken('alice', key), key, { algorithms: ['HS256'], issuer: 'realtimehub', audience: 'realtimehub' });
  assert.equal(claims.sub, 'alice');
  assert.equal(claims.name, 'alice');
});
