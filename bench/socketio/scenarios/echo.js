'use strict';
// (2) Echo latency at stepped rates: requests spread round-robin over C connections to one node,
// latency from each request's scheduled send time to its ack. Goal: the highest rate with p99 < 10 ms.
const { SioClient } = require('../lib/sioclient');
const { mintToken } = require('../lib/token');
const { Histogram } = require('../lib/histogram');
const { CpuMeter, totalRssBytes } = require('../lib/procstats');
const { PAYLOAD, openLoop, drain, drainLimits, inParallel, runSteps, ladder, sleep, performance, warmUpMs } = require('../lib/load');

const GOAL_P99_MS = 10;

async function run(ctx) {
  const count = ctx.number('connections', 100);
  const stepMs = ctx.number('step-seconds', ctx.quick ? 2 : 10) * 1000;
  const rates = ctx.list('rates', ctx.quick ? ladder(2000, 2, 256000) : ladder(1000, 1.5, 256000));
  const clients = await inParallel(count, 50, (i) =>
    new SioClient(ctx.servers[0], mintToken(`echo${i}`, ctx.signingKey)).connect());
  ctx.log(`${count} connections open`);

  const runStep = async (rate, step, report = true, durationMs = stepMs) => {
    const latency = new Histogram();
    const cpu = new CpuMeter(ctx.pids);
    let acked = 0;
    let errors = 0;
    const { sent, lag } = await openLoop(rate, durationMs, (i, at) => {
      clients[i % count].emit('echo', [PAYLOAD], (reply) => {
        if (reply === PAYLOAD) {
          acked++;
          latency.recordMs(performance.now() - at);
        } else errors++;
      });
    });
    await drain(() => acked + errors >= sent, () => acked + errors, drainLimits(ctx.quick));
    const usage = cpu.read();
    const result = {
      step,
      rate,
      nodes: 1,
      connections: count,
      durationMs,
      sent,
      acked,
      errors,
      lost: sent - acked - errors,
      throughputPerSec: Math.round((acked / durationMs) * 1000),
      ...latency.summary(),
      sendLagP99Ms: lag.percentileMs(99),
      ...usage,
      rssBytes: totalRssBytes(ctx.pids),
      goalP99Ms: GOAL_P99_MS,
    };
    result.ok = result.lost === 0 && errors === 0 && result.p99Ms !== null && result.p99Ms < GOAL_P99_MS;
    if (report) {
      ctx.log(`rate ${rate}/s: p50 ${result.p50Ms} p99 ${result.p99Ms} p99.9 ${result.p999Ms} ms, lost ${result.lost}, cpu server ${usage.serverCpu} gen ${usage.loadgenCpu}`);
      ctx.emit(result);
    }
    await sleep(ctx.quick ? 150 : 500); // let the server collect garbage between steps
    return result;
  };

  await runStep(rates[0], -1, false, warmUpMs(stepMs)); // warm-up, not reported
  await runSteps(rates, runStep, (r) => r.ok, { quick: ctx.quick });
  for (const client of clients) client.close();
}

module.exports = { run, GOAL_P99_MS };
