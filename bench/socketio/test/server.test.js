'use strict';
// The peer's behaviour matches RealtimeHub's operations: node --test bench/socketio/test
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const { SioClient } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');

const KEY = 'test-signing-key-0123456789abcdef0123';

async function startServer(t) {
  const child = spawn(process.execPath, [path.join(__dirname, '..', 'server.js'), '--port', '0'], {
    env: { ...process.env, SIGNING_KEY: KEY, REDIS_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'],
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
