'use strict';
// The peer's behaviour matches RealtimeHub's operations: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { SioClient } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');

const KEY = 'test-signing-key-0123456789abcdef0123';
const API_KEY = 'test-api-key-0123456789abcdef0123456789';

async function startServer(t) {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'server.js'), '--port', '0'], {
    env: { ...process.env, SIGNING_KEY: KEY, REDIS_URL: '', API_KEY }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.kill());
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

test('the peer refuses bad tokens and serves join, send to room (sender included) and echo', async (t) => {
  const url = await startServer(t);
  await assert.rejects(new SioClient(url, mintToken('mallory', 'x'.repeat(32))).connect(), /connect refused/);

  const frames = [];
  const alice = await new SioClient(url, mintToken('alice', KEY), (f) => frames.push(f)).connect();
  const bob = await new SioClient(url, mintToken('bob', KEY)).connect();
  t.after(() => { alice.close(); bob.close(); });

  assert.deepEqual(await alice.call('join', ['lobby']), { room: 'lobby' });
  await assert.rejects(alice.call('join', ['bad room!']), /invalid room/);
  await assert.rejects(bob.call('send', ['lobby', 'hi', 'b1']), /not in room/);

  const ack = await alice.call('send', ['lobby', '  hello  ', 'c1']);
  assert.equal(ack.senderId, 'alice');
  assert.equal(ack.text, 'hello');
  assert.equal(ack.clientMessageId, 'c1');
  while (frames.length === 0) await new Promise((r) => setTimeout(r, 5));
  const [event, message] = JSON.parse(frames[0].slice(2));
  assert.equal(event, 'message');
  assert.deepEqual(message, ack);

  assert.equal(await bob.call('echo', ['ping']), 'ping');
});

test('a service publishes feed updates with the API key, and each reaches the watchers of its key\'s room', async (t) => {
  const url = await startServer(t);
  const post = (body, key = API_KEY) => fetch(`${url}/feeds/quotes/updates`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify(body),
  });
  const frames = [];
  const watcher = await new SioClient(url, mintToken('watcher', KEY), (f) => frames.push(f), { raw: true }).connect();
  t.after(() => watcher.close());
  await watcher.call('join', ['quotes.SYM001']);

  assert.equal((await post({ updates: [{ key: 'SYM001', value: 1 }] }, 'wrong')).status, 401);
  assert.equal((await post({ updates: [] })).status, 400);
  assert.equal((await post({ updates: [{ key: 'bad key', value: 1 }] })).status, 400);
  const accepted = await post({ updates: [{ key: 'SYM001', value: { price: 1.5, t: 7 } }, { key: 'SYM002', value: 2 }] });
  assert.equal(accepted.status, 202);
  assert.deepEqual(await accepted.json(), { accepted: 2 });

  while (frames.length === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 50)); // SYM002's update, were it wrongly sent, would have arrived by now
  assert.deepEqual(frames.map((f) => JSON.parse(f.toString().slice(2))), [['update', { feed: 'quotes', key: 'SYM001', value: { price: 1.5, t: 7 } }]]);
  assert.ok(watcher.bytesRead > 0);
});
