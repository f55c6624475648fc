'use strict';
// (3) fanout: rooms on one node; (4) fanout-redis: the same members spread round-robin over every
// --server (two nodes sharing one Redis). Variants: room50 (20 rooms of 50) and room1000 (one room).
// Each message is sent by a member of its room (rotating), so senders sit on every node; every member,
// the sender included, must receive it exactly once. Latency runs from the scheduled send time to each
// delivery. Goal: the highest deliveries/s with p99 < 100 ms and nothing lost.
const { SioClient, stringField } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');
const { Histogram } = require('../lib/histogram');
const { CpuMeter, totalRssBytes } = require('../lib/procstats');
const { RedisCounters } = require('../lib/redisstats');
const { PAYLOAD, openLoop, drain, drainLimits, inParallel, runSteps, ladder, sleep, performance, warmUpMs } = require('../lib/load');

const GOAL_P99_MS = 100;
const VARIANTS = { room50: { roomSize: 50, rooms: 20 }, room1000: { roomSize: 1000, rooms: 1 } };

async function run(ctx) {
  const variants = ctx.opts.variant ? [ctx.opts.variant] : Object.keys(VARIANTS);
  const servers = ctx.scenario === 'fanout' ? ctx.servers.slice(0, 1) : ctx.servers;
  if (ctx.scenario === 'fanout-redis' && servers.length < 2) throw new Error('fanout-redis needs two --server');
  const redis = ctx.redisUrl ? new RedisCounters(ctx.redisUrl) : null;
  for (const name of variants) await runVariant(ctx, name, servers, redis);
  if (redis) redis.close();
}

async function runVariant(ctx, variant, servers, redis) {
  const { roomSize, rooms } = VARIANTS[variant];
  const count = roomSize * rooms;
  const stepMs = ctx.number('step-seconds', ctx.quick ? 2 : 10) * 1000;
  // Rates are deliveries/s; each step sends deliveries / roomSize messages per second.
  const targets = ctx.list('rates', ctx.quick ? ladder(10000, 2, 1280000) : ladder(5000, 1.5, 2000000));

  let messages = []; // index = message number within the step
  let delivered = 0;
  let deliveredInWindow = 0;
  let duplicates = 0;
  let windowOpen = false;
  let latency = new Histogram();
  const onDelivery = (member) => (frame) => {
    const id = stringField(frame, 'clientMessageId');
    const message = messages[Number(id.slice(id.indexOf('.') + 1))];
    if (!message || id !== message.id) return;
    if (message.seen[member]++ > 0) {
      duplicates++;
      return;
    }
    delivered++;
    if (windowOpen) deliveredInWindow++;
    latency.recordMs(performance.now() - message.at);
  };

  const clients = await inParallel(count, 100, async (i) => {
    const client = new SioClient(servers[i % servers.length], mintToken(`fan${i}`, ctx.signingKey), onDelivery(i % roomSize));
    await client.connect();
    await client.call('join', [`${variant}-${Math.floor(i / roomSize)}`]);
    return client;
  });
  ctx.log(`${variant}: ${count} members on ${servers.length} node(s) joined`);

  const runStep = async (deliveriesPerSec, step, report = true, durationMs = stepMs) => {
    const rate = Math.max(1, Math.round(deliveriesPerSec / roomSize));
    const tag = `${variant}${step}`;
    messages = [];
    delivered = deliveredInWindow = duplicates = 0;
    latency = new Histogram();
    let acked = 0;
    let errors = 0;
    const publishesBefore = redis ? await redis.publishes() : null;
    const cpu = new CpuMeter(ctx.pids);
    windowOpen = true;
    const { sent, lag, startedAt, endedAt } = await openLoop(rate, durationMs, (n, at) => {
      const room = n % rooms;
      const sender = clients[room * roomSize + (Math.floor(n / rooms) % roomSize)];
      const message = { id: `${tag}.${n}`, at, seen: new Uint8Array(roomSize) };
      messages[n] = message;
      sender.emit('send', [`${variant}-${room}`, PAYLOAD, message.id], (reply) => {
        if (reply && reply.error) errors++;
        else acked++;
      });
    });
    windowOpen = false;
    const windowMs = endedAt - startedAt;
    await drain(() => acked + errors >= sent && delivered >= acked * roomSize, () => delivered + acked, drainLimits(ctx.quick));
    const usage = cpu.read();
    const publishes = redis ? (await redis.publishes()) - publishesBefore : null;
    const expected = acked * roomSize;
    const result = {
      variant,
      step,
      rate,
      offeredDeliveriesPerSec: rate * roomSize,
      roomSize,
      rooms,
      nodes: servers.length,
      connections: count,
      durationMs,
      sent,
      acked,
      errors,
      expected,
      delivered,
      lost: Math.max(0, expected - delivered),
      duplicates,
      deliveriesPerSec: Math.round((deliveredInWindow / windowMs) * 1000),
      ...latency.summary(),
      sendLagP99Ms: lag.percentileMs(99),
      ...usage,
      rssBytes: totalRssBytes(ctx.pids),
      publishesPerMessage: publishes !== null && acked > 0 ? Math.round((publishes / acked) * 100) / 100 : null,
      goalP99Ms: GOAL_P99_MS,
    };
    result.ok = result.lost === 0 && errors === 0 && sent === acked && result.p99Ms !== null && result.p99Ms < GOAL_P99_MS;
    if (report) {
      ctx.log(`${variant} ${result.offeredDeliveriesPerSec}/s offered: ${result.deliveriesPerSec}/s delivered, p99 ${result.p99Ms} ms, lost ${result.lost}, dup ${duplicates}, cpu server ${usage.serverCpu} gen ${usage.loadgenCpu}`);
      ctx.emit(result);
    }
    messages = [];
    await sleep(ctx.quick ? 150 : 500); // let the server collect garbage between steps
    return result;
  };

  await runStep(targets[0], -1, false, warmUpMs(stepMs)); // warm-up, not reported
  await runSteps(targets, runStep, (r) => r.ok, { quick: ctx.quick });
  for (const client of clients) client.close();
  await sleep(300);
}

module.exports = { run, GOAL_P99_MS, VARIANTS };
