'use strict';
// Socket.IO 4 peer of RealtimeHub for the side-by-side benchmarks.
// Same operations as ChatHub (join, send to room with ack, echo), same JWT claims, WebSocket only.
// Deployed the way a competent Socket.IO user would: the documented performance tuning applied
// (bufferutil installed, the initial HTTP request discarded), no per-message logging, nothing stored.
// Live feeds (the feeds scenario) the Socket.IO way: a room per key (`<feed>.<key>`, joined with `join`), and a
// service publishes through POST /feeds/<feed>/updates (the body of RealtimeHub's route, X-Api-Key = API_KEY): every
// update is emitted to its key's room as `update` {feed, key, value}, through the Redis adapter to every node.
//
//   PORT=3001 SIGNING_KEY=... [REDIS_URL=redis://127.0.0.1:6379] [NODE_ID=a] [API_KEY=...] node server.js [--port 3001]

const crypto = require('node:crypto');
const http = require('node:http');
const jwt = require('jsonwebtoken');
const { Server } = require('socket.io');

const ROOM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const FEED_UPDATES = /^\/feeds\/([A-Za-z0-9_.-]{1,64})\/updates$/;
const FEED_KEY = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_UPDATES_PER_REQUEST = 1000;
const MAX_PUBLISH_BODY_BYTES = 8 * 1024 * 1024;
const MAX_MESSAGE_LENGTH = 4000;
const MAX_ROOMS_PER_CONNECTION = 50;
const ISSUER = 'realtimehub';
const AUDIENCE = 'realtimehub';

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const port = Number(argValue('--port') ?? process.env.PORT ?? 3001);
const signingKey = process.env.SIGNING_KEY;
const redisUrl = process.env.REDIS_URL ?? '';
const nodeId = process.env.NODE_ID ?? `sio-${port}`;
const apiKey = process.env.API_KEY ?? '';

if (!signingKey || signingKey.length < 32) {
  console.error('SIGNING_KEY (at least 32 characters) is required');
  process.exit(2);
}

// A KeyObject made once: given a string, jsonwebtoken 9 first tries (and fails) to parse it as a
// PEM public key on every verify, which costs far more than the HMAC itself.
const verificationKey = crypto.createSecretKey(Buffer.from(signingKey, 'utf8'));
const counters = { messagesReceived: 0, updatesPublished: 0 };
let messageSeq = 0;

const httpServer = http.createServer((req, res) => {
  if (req.url === '/healthz' || req.url === '/readyz') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  } else if (req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats()));
  } else if (req.method === 'POST' && FEED_UPDATES.test(req.url)) {
    publishFeed(req, res, FEED_UPDATES.exec(req.url)[1]);
  } else {
    res.writeHead(404).end();
  }
});

const io = new Server(httpServer, {
  transports: ['websocket'],
  serveClient: false,
  maxHttpBufferSize: 32 * 1024, // same frame limit as RealtimeHub
});

// Socket.IO performance guide: the upgrade request is otherwise kept for the connection's lifetime.
io.engine.on('connection', (rawSocket) => {
  rawSocket.request = null;
});

io.use((socket, next) => {
  const token = socket.handshake.auth?.token;
  if (typeof token !== 'string') return next(new Error('unauthorized'));
  jwt.verify(token, verificationKey, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }, (err, claims) => {
    if (err || typeof claims.sub !== 'string') return next(new Error('unauthorized'));
    socket.data.userId = claims.sub;
    socket.data.userName = typeof claims.name === 'string' ? claims.name : claims.sub;
    next();
  });
});

io.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    if (typeof ack !== 'function') return;
    if (typeof room !== 'string' || !ROOM_NAME.test(room)) return ack({ error: 'invalid room' });
    // socket.rooms always holds the socket's own id, hence the +1.
    if (!socket.rooms.has(room) && socket.rooms.size >= MAX_ROOMS_PER_CONNECTION + 1) {
      return ack({ error: 'too many rooms' });
    }
    socket.join(room);
    ack({ room });
  });

  socket.on('leave', (room, ack) => {
    socket.leave(room);
    if (typeof ack === 'function') ack({ room });
  });

  socket.on('send', (room, text, clientMessageId, ack) => {
    if (typeof ack !== 'function') return;
    if (typeof room !== 'string' || !socket.rooms.has(room)) return ack({ error: 'not in room' });
    if (typeof text !== 'string') return ack({ error: 'invalid message' });
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_MESSAGE_LENGTH) return ack({ error: 'invalid message' });
    const message = {
      id: `${nodeId}-${++messageSeq}`,
      room,
      senderId: socket.data.userId,
      senderName: socket.data.userName,
      text: trimmed,
      sentAt: new Date().toISOString(),
      clientMessageId: typeof clientMessageId === 'string' ? clientMessageId : null,
    };
    counters.messagesReceived++;
    // io.to (not socket.to): the sender gets its own message too, as in RealtimeHub.
    io.to(room).emit('message', message);
    ack(message);
  });

  socket.on('echo', (payload, ack) => {
    if (typeof ack === 'function') ack(payload);
  });
});

/** POST /feeds/<feed>/updates: each update emitted to the room of its key, as a Socket.IO app forwards ticks. */
function publishFeed(req, res, feed) {
  const reply = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (!apiKey || req.headers['x-api-key'] !== apiKey) return reply(401, { error: 'unauthorized' });
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size <= MAX_PUBLISH_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_PUBLISH_BODY_BYTES) return reply(413, { error: 'too large' });
    let updates;
    try {
      updates = JSON.parse(Buffer.concat(chunks).toString('utf8')).updates;
    } catch {
      return reply(400, { error: 'invalid JSON' });
    }
    if (!Array.isArray(updates) || updates.length === 0 || updates.length > MAX_UPDATES_PER_REQUEST) {
      return reply(400, { error: `updates must hold 1-${MAX_UPDATES_PER_REQUEST} entries` });
    }
    if (!updates.every((u) => u && typeof u.key === 'string' && FEED_KEY.test(u.key) && u.value !== undefined)) {
      return reply(400, { error: 'invalid key or value' });
    }
    for (const { key, value } of updates) io.to(`${feed}.${key}`).emit('update', { feed, key, value });
    counters.updatesPublished += updates.length;
    reply(202, { accepted: updates.length });
  });
}

function stats() {
  const mem = process.memoryUsage();
  return {
    node: nodeId,
    mode: redisUrl ? 'redis' : 'memory',
    pid: process.pid,
    connections: io.engine.clientsCount,
    rooms: io.of('/').adapter.rooms.size,
    messagesReceived: counters.messagesReceived,
    updatesPublished: counters.updatesPublished,
    rssBytes: mem.rss,
    heapUsedBytes: mem.heapUsed,
  };
}

async function attachRedis() {
  if (!redisUrl) return;
  const Redis = require('ioredis');
  const { createAdapter } = require('@socket.io/redis-adapter');
  const pub = new Redis(redisUrl);
  const sub = pub.duplicate();
  await Promise.all([once(pub, 'ready'), once(sub, 'ready')]);
  io.adapter(createAdapter(pub, sub));
}

function once(emitter, event) {
  return new Promise((resolve, reject) => {
    emitter.once(event, resolve);
    emitter.once('error', reject);
  });
}

process.on('SIGUSR2', () => console.log(JSON.stringify(stats())));
process.on('SIGTERM', () => io.close(() => process.exit(0)));

attachRedis()
  .then(() => httpServer.listen(port, '127.0.0.1', () => {
    console.log(`socket.io node ${nodeId} listening on 127.0.0.1:${httpServer.address().port} (${redisUrl ? 'redis' : 'memory'})`);
  }))
  .catch((err) => {
    console.error(`cannot start: ${err.message}`);
    process.exit(1);
  });
