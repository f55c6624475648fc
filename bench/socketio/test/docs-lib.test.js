'use strict';
// The docs generator's reading of Yjs updates and its bookkeeping (bench/docs/lib), against updates made by the real
// yjs package: node --test bench/socketio/test (bench/docs's packages installed: npm ci there).
const test = require('node:test');
const assert = require('node:assert/strict');
const Y = require('../../docs/node_modules/yjs');
const { readVarUint, firstStructOf, firstStructOfBase64, KeystrokeTimes, SequenceWatermark } = require('../../docs/lib/updates');
const { Typist } = require('../../docs/lib/typist');
const { mintToken, verifyToken } = require('../../docs/lib/jwt');
const { liveUpdateBytes, countingWebSocket } = require('../../docs/lib/realtimehub-editor');
const WebSocket = require('../../docs/node_modules/ws');

/** An editor's doc with a fixed clientID, and the updates its keystrokes emit. */
function typingDoc(clientID) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const updates = [];
  doc.on('update', (u, origin) => { if (origin === null) updates.push(u); });
  return { doc, updates, typist: new Typist(doc) };
}

test('lib0 variable-length integers are read up to 2^53', () => {
  assert.deepEqual(readVarUint(Uint8Array.of(0x05), 0), [5, 1]);
  assert.deepEqual(readVarUint(Uint8Array.of(0xac, 0x02), 0), [300, 2]);
  assert.deepEqual(readVarUint(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), 0), [2 ** 32 - 1, 5]);
  assert.equal(readVarUint(Uint8Array.of(0x80), 0), null);
});

test('each keystroke\'s update names its writer and clock, in raw bytes and in base64', () => {
  const { updates, typist } = typingDoc(3_000_000_123);
  const keystrokes = [typist.type(), typist.type(), typist.type()];
  assert.deepEqual(keystrokes, [0, 1, 2].map((clock) => ({ client: 3_000_000_123, clock })));
  assert.equal(updates.length, 3);
  updates.forEach((u, i) => {
    assert.deepEqual(firstStructOf(u), keystrokes[i]);
    assert.deepEqual(firstStructOfBase64(Buffer.from(u).toString('base64')), keystrokes[i]);
  });
  assert.equal(firstStructOf(Y.encodeStateAsUpdate(new Y.Doc())), null); // no struct at all
});

test('a typist types after its own last character, whatever others inserted there meanwhile', () => {
  const [a, b] = [typingDoc(1), typingDoc(2)];
  const exchange = () => {
    for (const u of a.updates.splice(0)) Y.applyUpdate(b.doc, u, 'remote');
    for (const u of b.updates.splice(0)) Y.applyUpdate(a.doc, u, 'remote');
  };
  for (let i = 0; i < 6; i++) {
    a.typist.type();
    b.typist.type();
    exchange();
  }
  const text = a.doc.getText('text').toString();
  assert.equal(text, b.doc.getText('text').toString());
  assert.equal(text.length, 12);
  // Each editor's six characters stay together, in the order typed, not interleaved with the other's.
  assert.equal(text.split('the qu').join(''), '', text);
});

test('keystroke times are found by writer and clock, and an overwritten slot is not misread', () => {
  const times = new KeystrokeTimes(4);
  times.record(7, 0, 100);
  times.record(7, 1, 300);
  assert.equal(times.at(7, 0), 100);
  assert.equal(times.at(7, 1), 300);
  assert.equal(times.at(8, 0), null);
  times.record(7, 4, 900); // same slot as clock 0
  assert.equal(times.at(7, 0), null);
  assert.equal(times.at(7, 4), 900);
});

test('the watermark is the highest sequence up to which every sequence was seen, a snapshot jumping it ahead', () => {
  const w = new SequenceWatermark();
  for (const s of [2, 3, 1, 6]) w.add(s);
  assert.equal(w.value, 3);
  w.advanceTo(5);
  assert.equal(w.value, 6);
  w.add(4);
  assert.equal(w.value, 6);
});

test('the Hocuspocus peer admits the tokens the generator mints and nothing else', () => {
  const token = mintToken('editor-1', 'key-a');
  assert.equal(verifyToken(token, 'key-a').sub, 'editor-1');
  assert.equal(verifyToken(token, 'key-b'), null);
  assert.equal(verifyToken(`${token}x`, 'key-a'), null);
  assert.equal(verifyToken('not.a.token', 'key-a'), null);
  assert.equal(verifyToken(mintToken('old', 'key-a', -10), 'key-a'), null);
});

test('only the DocumentUpdated records of a frame count as live bytes', () => {
  const update = '{"type":1,"target":"DocumentUpdated","arguments":["d",{"sequence":1}]}\x1e';
  const completion = '{"type":3,"invocationId":"4","result":{"snapshot":"AAAA"}}\x1e';
  assert.equal(liveUpdateBytes(Buffer.from(update + completion + update)), 2 * Buffer.byteLength(update));
  assert.equal(liveUpdateBytes(Buffer.from(completion)), 0);
});

test('a connection counts the socket bytes it read and its live DocumentUpdated bytes, as @microsoft/signalr reads frames', async () => {
  const update = '{"type":1,"target":"DocumentUpdated","arguments":["d",{"sequence":1}]}\x1e';
  const server = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.on('listening', resolve));
  server.on('connection', (socket) => socket.send(`{"type":3,"invocationId":"1"}\x1e${update}`));
  const holder = {};
  const ws = new (countingWebSocket(holder))(`ws://127.0.0.1:${server.address().port}`);
  ws.binaryType = 'arraybuffer'; // as the SignalR client sets it
  await new Promise((resolve) => { ws.onmessage = resolve; });
  assert.equal(holder.liveBytes, Buffer.byteLength(update));
  assert.ok(holder.ws._socket.bytesRead > Buffer.byteLength(update), 'the upgrade response and frame headers are read too');
  ws.close();
  server.close();
});
