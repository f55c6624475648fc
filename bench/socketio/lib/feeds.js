'use strict';
// The shape of the feeds load, the same in both generators (Hub.Cli/Bench/Scenarios/FeedsLayout.cs): instrument names,
// which 20 instruments each watcher watches, the round-robin order of updates and each update's value. Every
// instrument is watched by the same number of watchers, and a value carries the generator's clock time (`t`,
// milliseconds) of its batch's scheduled send, so latency runs from the scheduled publish to receipt.

const FEED = 'quotes';
const KEYS_PER_WATCHER = 20;
const MAX_PER_SECOND = 2;
/** The publisher sends one batch every 10 ms, as a service batching its ticks would. */
const BATCHES_PER_SECOND = 100;

const instrument = (index) => `SYM${String(index).padStart(3, '0')}`;

/** An offset, then every (instruments / 20)-th instrument; the offset steps by 37 (prime to the stride), so all are watched equally. */
function watcherInstruments(watcher, instruments) {
  const stride = Math.floor(instruments / KEYS_PER_WATCHER);
  const offset = (watcher * 37) % instruments;
  return Array.from({ length: KEYS_PER_WATCHER }, (_, k) => (offset + k * stride) % instruments);
}

/** How many of `watchers` watch each instrument (index = instrument). */
function watchersPerInstrument(watchers, instruments) {
  const counts = new Array(instruments).fill(0);
  for (let w = 0; w < watchers; w++) for (const i of watcherInstruments(w, instruments)) counts[i]++;
  return counts;
}

/** Updates in batch `batch` at `updatesPerSecond`: spread so every second sends the rate exactly. */
const batchSize = (batch, updatesPerSecond) =>
  Math.floor(((batch + 1) * updatesPerSecond) / BATCHES_PER_SECOND) - Math.floor((batch * updatesPerSecond) / BATCHES_PER_SECOND);

/** Update number n (over the whole run) goes to instrument n mod instruments; its value is a quote with `t`. */
function updateJson(n, instruments, tMs) {
  const index = n % instruments;
  const tick = (Math.floor(n / instruments) % 200) - 100;
  const price = 50 + (index % 100) + tick / 100;
  return `{"key":"${instrument(index)}","value":{"price":${price.toFixed(2)},"change":${(tick / 100).toFixed(2)},`
    + `"volume":${1000 + Math.floor(n / instruments)},"t":${tMs.toFixed(3)}}}`;
}

const T_FIELD = Buffer.from('"t":');

/** The `t` of a raw frame (the only field of that name in an update), or null. */
function timestampOf(frame) {
  const at = frame.indexOf(T_FIELD);
  if (at < 0) return null;
  let end = at + 4;
  for (let c = frame[end]; (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d; c = frame[++end]);
  return end > at + 4 ? Number(frame.toString('latin1', at + 4, end)) : null;
}

module.exports = {
  FEED, KEYS_PER_WATCHER, MAX_PER_SECOND, BATCHES_PER_SECOND,
  instrument, watcherInstruments, watchersPerInstrument, batchSize, updateJson, timestampOf,
};
