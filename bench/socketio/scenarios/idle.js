'use strict';
// (1) Idle connections: N authenticated connections, each connected and joined to a room of 50.
// Reports the connect+join rate and the servers' RSS growth per connection (read from /proc).
const { SioClient } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');
const { Histogram } = require('../lib/histogram');
const { totalRssBytes } = require('../lib/procstats');
const { inParallel, sleep, performance } = require('../lib/load');

async function run(ctx) {
  const count = ctx.number('connections', 10000);
  const concurrency = ctx.number('concurrency', 100);
  const settleMs = ctx.quick ? 1000 : 3000;
  const tokens = Array.from({ length: count }, (_, i) => mintToken(`idle${i}`, ctx.signingKey));

  await sleep(settleMs);
  const rssBefore = totalRssBytes(ctx.pids);
  const latency = new Histogram();
  let errors = 0;
  const started = performance.now();
  const clients = await inParallel(count, concurrency, async (i) => {
    const begun = performance.now();
    const client = new SioClient(ctx.servers[i % ctx.servers.length], tokens[i]);
    try {
      await client.connect();
      await client.call('join', [`idle-${Math.floor(i / 50)}`]);
      latency.recordMs(performance.now() - begun);
    } catch (err) {
      if (errors++ === 0) ctx.log(`first error: ${err.message}`);
    }
    return client;
  });
  const elapsedMs = performance.now() - started;
  const joined = count - errors;
  ctx.log(`${joined}/${count} connected and joined in ${Math.round(elapsedMs)} ms`);

  await sleep(settleMs);
  const rssAfter = totalRssBytes(ctx.pids);
  const rssDelta = rssBefore !== null && rssAfter !== null ? rssAfter - rssBefore : null;
  ctx.emit({
    nodes: ctx.servers.length,
    connections: count,
    durationMs: Math.round(elapsedMs),
    sent: count,
    acked: joined,
    errors,
    connectPerSec: Math.round((joined / elapsedMs) * 1000),
    ...latency.summary(),
    rssBytes: rssAfter,
    rssBeforeBytes: rssBefore,
    rssDeltaBytes: rssDelta,
    bytesPerConnection: rssDelta !== null && joined > 0 ? Math.round(rssDelta / joined) : null,
  });
  for (const client of clients) client.close();
  await sleep(200);
}

module.exports = { run };
