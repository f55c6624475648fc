'use strict';
// Building blocks shared by the scenarios: the open-loop schedule, bounded-concurrency connecting,
// stepped rates with one refining step, and a ~200-byte payload.
const { performance } = require('node:perf_hooks');
const { Histogram } = require('./histogram');

/** 200 printable bytes without quotes, so raw-frame field extraction stays trivial. */
const PAYLOAD = 'x'.repeat(160) + ' realtimehub-bench payload 0123456789abc'.slice(0, 40);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fires `fire(i, scheduledAt)` at `rate` per second for `durationMs`, on a timer that never waits for
 * replies (open loop). Latency is measured from `scheduledAt`, so a late generator or a stalled server
 * shows up as latency instead of silently lowering the offered load (no coordinated omission).
 */
function openLoop(rate, durationMs, fire) {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const lag = new Histogram();
  const start = performance.now();
  let i = 0;
  return new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total) {
        const at = start + i * interval;
        if (at > now) break;
        lag.recordMs(now - at);
        fire(i, at);
        i++;
      }
      if (i >= total) resolve({ sent: total, startedAt: start, endedAt: performance.now(), lag });
      // Never spin: wait for the next send (at least 1 ms, the timer's grain), then send all that is due,
      // so the generator's CPU goes to sending (Hub.Cli/Bench/OpenLoop.cs does the same).
      else setTimeout(tick, Math.max(1, start + i * interval - performance.now()));
    };
    tick();
  });
}

/** Resolves when `done()` holds, polling every 10 ms, or after `timeoutMs`. */
async function waitUntil(done, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(10);
  return done();
}

/**
 * Waits for the replies of a step: until `done()`, or nothing new arrived (`progress()` unchanged) for
 * `idleMs`, or `maxMs` passed. What is still missing then counts as lost.
 */
async function drain(done, progress, { idleMs, maxMs }) {
  const started = performance.now();
  let last = progress();
  let lastChange = started;
  while (!done()) {
    const now = performance.now();
    if (now - lastChange > idleMs || now - started > maxMs) return false;
    await sleep(10);
    const current = progress();
    if (current !== last) {
      last = current;
      lastChange = performance.now();
    }
  }
  return true;
}

/**
 * The unmeasured first step: at least 15 s on the fresh servers, so both runtimes have compiled their hot paths
 * before a step counts (a .NET node was still compiling tier-1 code 15-20 s after it started; bench/FINDINGS.md).
 */
const warmUpMs = (stepMs) => Math.max(stepMs / 2, 15000);

/** Drain limits for stepped scenarios. */
const drainLimits = (quick) => (quick ? { idleMs: 300, maxMs: 3000 } : { idleMs: 1000, maxMs: 10000 });

/** Runs `open(i)` for i in [0, count) with at most `concurrency` in flight; returns results in order. */
async function inParallel(count, concurrency, open) {
  const results = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await open(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/**
 * Runs steps at rising rates until one fails on every attempt (a failed step is run again at the same rate, since a
 * shared machine has hiccups; the later record supersedes the earlier): full runs give a rate three attempts, quick
 * runs two, and only while no step has passed yet. Then one step at the geometric mean of the last passing and the
 * failing rate, so the best passing rate is known within sqrt(factor).
 */
async function runSteps(rates, runStep, passes, { quick = false } = {}) {
  let lastPass = null;
  let step = 0;
  for (const rate of rates) {
    // Quick runs retry only while nothing has passed yet, to stay within their time budget.
    const attempts = quick ? (lastPass === null ? 2 : 1) : 3;
    let passed = false;
    for (let attempt = 0; attempt < attempts && !passed; attempt++) passed = passes(await runStep(rate, step++));
    if (passed) {
      lastPass = rate;
      continue;
    }
    if (lastPass !== null) {
      const middle = Math.round(Math.sqrt(lastPass * rate));
      if (middle > lastPass && middle < rate) await runStep(middle, step++);
    }
    return;
  }
}

/** A geometric ladder of rates from `first` while below or at `max`. */
function ladder(first, factor, max) {
  const rates = [];
  for (let r = first; r <= max; r *= factor) rates.push(Math.round(r));
  return rates;
}

module.exports = { PAYLOAD, sleep, openLoop, warmUpMs, waitUntil, drain, drainLimits, inParallel, runSteps, ladder, performance };
