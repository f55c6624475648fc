'use strict';
// (5) Reconnect storm. N clients (the real socket.io-client, default reconnection settings, WebSocket
// only) sit on node A (first --server) in rooms of 50; one sender per room on node B (second --server)
// keeps sending through the outage. --kill-cmd kills A, --restart-cmd starts it again (and returns once
// it listens). Reports the time from the kill until 99 % and 100 % of the clients are reconnected and
// rejoined, and every acknowledged message's deliveries: lost and duplicated.
const { execSync, spawn } = require('node:child_process');
const { io } = require('socket.io-client');
const { SioClient, stringField } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');
const { CpuMeter, totalRssBytes } = require('../lib/procstats');
const { PAYLOAD, waitUntil, drain, inParallel, sleep, performance } = require('../lib/load');

const ROOM_SIZE = 50;

function connectMember(url, token, room, hooks) {
  const socket = io(url, { transports: ['websocket'], auth: { token }, forceNew: true });
  socket.on('connect', () => socket.emit('join', room, (reply) => (reply && reply.error ? null : hooks.joined())));
  socket.on('disconnect', hooks.disconnected);
  socket.on('message', hooks.message);
  return socket;
}

async function run(ctx) {
  if (ctx.servers.length < 2) throw new Error('storm needs two --server: the node to restart, then the survivor');
  if (!ctx.opts['kill-cmd'] || !ctx.opts['restart-cmd']) throw new Error('storm needs --kill-cmd and --restart-cmd');
  const count = Math.ceil(ctx.number('connections', 5000) / ROOM_SIZE) * ROOM_SIZE;
  const rooms = count / ROOM_SIZE;
  const rate = ctx.number('rate', rooms * 2); // messages/s over all rooms
  const [victim, survivor] = ctx.servers;

  const messages = [];
  let delivered = 0;
  let duplicates = 0;
  let killedAt = null;
  const recoveredAfterMs = [];
  const state = Array.from({ length: count }, () => ({ joined: false, down: false }));

  const members = await inParallel(count, 100, (i) => new Promise((resolve, reject) => {
    const socket = connectMember(victim, mintToken(`storm${i}`, ctx.signingKey), `storm-${i % rooms}`, {
      joined: () => {
        if (state[i].down) recoveredAfterMs.push(performance.now() - killedAt);
        state[i].joined = true;
        state[i].down = false;
        resolve(socket);
      },
      disconnected: () => {
        state[i].joined = false;
        if (killedAt !== null) state[i].down = true;
      },
      message: (m) => {
        const message = messages[Number(m.clientMessageId.slice(1))];
        if (!message) return;
        if (message.seen[Math.floor(i / rooms)]++ > 0) duplicates++;
        else delivered++;
      },
    });
    socket.once('connect_error', (err) => reject(err));
  }));
  const senders = await inParallel(rooms, 50, async (r) => {
    const client = await new SioClient(survivor, mintToken(`stormsender${r}`, ctx.signingKey)).connect();
    await client.call('join', [`storm-${r}`]);
    return client;
  });
  ctx.log(`${count} clients on ${victim} in ${rooms} rooms, ${rooms} senders on ${survivor}, ${rate} msg/s`);

  // Senders run on a coarse open-loop timer; latency is not measured here, only recovery and loss.
  let sent = 0;
  let acked = 0;
  let errors = 0;
  const sendStart = performance.now();
  const sendTimer = setInterval(() => {
    const due = Math.floor(((performance.now() - sendStart) * rate) / 1000);
    for (; sent < due; sent++) {
      const n = sent;
      const message = { seen: new Uint8Array(ROOM_SIZE), acked: false };
      messages[n] = message;
      senders[n % rooms].emit('send', [`storm-${n % rooms}`, PAYLOAD, `s${n}`], (reply) => {
        if (reply && reply.error) errors++;
        else {
          acked++;
          message.acked = true;
        }
      });
    }
  }, 5);

  await sleep(ctx.quick ? 1000 : 5000);
  // CPU from the kill to full recovery: a generator near 1.0 means the client side bounds the figure.
  const cpu = new CpuMeter(ctx.pids.slice(1));
  killedAt = performance.now();
  execSync(ctx.opts['kill-cmd'], { stdio: 'inherit' });
  let restartMs = null;
  const restart = spawn('sh', ['-c', ctx.opts['restart-cmd']], { stdio: ['ignore', 'ignore', 'inherit'] });
  restart.on('exit', () => (restartMs = performance.now() - killedAt));
  ctx.log('victim killed, restarting');

  const timeoutMs = ctx.quick ? 30000 : 120000;
  await waitUntil(() => state.some((s) => s.down) || performance.now() - killedAt > 2000, 3000);
  await waitUntil(() => recoveredAfterMs.length >= count, timeoutMs);
  const recoveryCpu = cpu.read();
  recoveredAfterMs.sort((a, b) => a - b);
  const at = (fraction) => {
    const needed = Math.ceil(count * fraction);
    return recoveredAfterMs.length >= needed ? Math.round(recoveredAfterMs[needed - 1]) : null;
  };
  if (process.env.STORM_DEBUG) ctx.log(`recovery ms at 0/10/25/50/75/90/95/98/99/100 %: ${[0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 0.99, 1].map((f) => Math.round(recoveredAfterMs[Math.min(recoveredAfterMs.length - 1, Math.floor(f * recoveredAfterMs.length))])).join(' ')}`);
  ctx.log(`recovered ${recoveredAfterMs.length}/${count}: 99 % after ${at(0.99)} ms, 100 % after ${at(1)} ms`);

  await sleep(ctx.quick ? 1000 : 5000); // keep sending after recovery
  clearInterval(sendTimer);
  const expectedNow = () => messages.reduce((sum, m) => sum + (m.acked ? ROOM_SIZE : 0), 0);
  // Long enough for a client that catches up from history after its rejoin.
  await drain(() => acked + errors >= sent && delivered >= expectedNow(), () => delivered + acked,
    ctx.quick ? { idleMs: 1000, maxMs: 5000 } : { idleMs: 2000, maxMs: 20000 });

  // Loss counts only acknowledged messages: each must reach all ROOM_SIZE members once.
  let expected = 0;
  let lost = 0;
  let lostMessages = 0;
  for (const message of messages) {
    if (!message.acked) continue;
    expected += ROOM_SIZE;
    const missing = message.seen.reduce((sum, times) => sum + (times === 0 ? 1 : 0), 0);
    lost += missing;
    if (missing > 0) lostMessages++;
  }
  ctx.emit({
    nodes: ctx.servers.length,
    connections: count,
    rooms,
    roomSize: ROOM_SIZE,
    rate,
    durationMs: Math.round(performance.now() - sendStart),
    sent,
    acked,
    errors,
    expected,
    delivered,
    lost,
    lostMessages,
    duplicates,
    reconnected: recoveredAfterMs.length,
    recover99Ms: at(0.99),
    recover100Ms: at(1),
    serverRestartMs: restartMs === null ? null : Math.round(restartMs),
    survivorCpu: recoveryCpu.serverCpu,
    loadgenCpu: recoveryCpu.loadgenCpu,
    rssBytes: totalRssBytes(ctx.pids.slice(1)),
    client: 'socket.io-client default reconnection (1 s base, 5 s cap, 0.5 jitter)',
  });
  for (const socket of members) socket.close();
  for (const client of senders) client.close();
}

module.exports = { run };
