import assert from "node:assert/strict";
import { test } from "node:test";
import type { FeedBatch, FeedUpdate } from "../src/api/liveContracts";
import { FeedTable } from "../src/dashboard/feedTable";

const t0 = Date.parse("2026-01-01T00:00:00Z");

/** An update as the hub sends it: publishedAt an ISO string, or a Date as a plain MessagePack decoder gives it. */
function update(key: string, value: unknown, version: number, seconds = version, asDate = false): FeedUpdate {
  const publishedAt = new Date(t0 + seconds * 1000);
  return { key, value, version, publishedAt: asDate ? publishedAt : publishedAt.toISOString() };
}

const snapshot = (...updates: FeedUpdate[]): FeedBatch => ({ feed: "quotes", snapshot: true, updates });
const batch = (...updates: FeedUpdate[]): FeedBatch => ({ feed: "quotes", snapshot: false, updates });

test("a snapshot replaces the whole table and says which keys left", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 1, 1), update("GLOBX", 2, 1)));
  const applied = table.apply(snapshot(update("GLOBX", 3, 2), update("INITECH", 4, 1)));
  assert.equal(applied.replaced, true);
  assert.deepEqual(table.keys().sort(), ["GLOBX", "INITECH"]);
  assert.deepEqual(applied.removed, ["ACME"]);
  assert.deepEqual(applied.changed.map((i) => i.key), ["GLOBX", "INITECH"]);
  assert.equal(table.get("GLOBX")?.value, 3);
});

test("an empty snapshot empties the table", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 1, 1)));
  const applied = table.apply(snapshot());
  assert.equal(table.size, 0);
  assert.deepEqual(applied.removed, ["ACME"]);
});

test("a snapshot that repeats what is held changes nothing on screen", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 1, 4)));
  const applied = table.apply(snapshot(update("ACME", 1, 4), update("GLOBX", 7, 1)));
  assert.deepEqual(applied.changed.map((i) => i.key), ["GLOBX"]);
  assert.deepEqual(table.series("ACME").values, [1]);
});

test("versions only move forward: an older or repeated update is dropped", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 10, 5)));
  assert.deepEqual(table.apply(batch(update("ACME", 9, 4), update("ACME", 10, 5))).changed, []);
  const applied = table.apply(batch(update("ACME", 14, 9)));
  assert.deepEqual(applied.changed.map((i) => [i.key, i.version, i.value]), [["ACME", 9, 14]]);
  assert.equal(table.get("ACME")?.version, 9);
});

test("after a snapshot versions may start again at 1 (the server lost the feed)", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 10, 50)));
  table.apply(snapshot(update("ACME", 11, 1)));
  table.apply(batch(update("ACME", 12, 2)));
  assert.equal(table.get("ACME")?.value, 12);
});

test("a removal takes the key out, and no older update brings it back", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 1, 1), update("GLOBX", 2, 1)));
  const applied = table.apply(batch(update("ACME", null, 3)));
  assert.deepEqual(applied.removed, ["ACME"]);
  assert.equal(table.get("ACME"), undefined);
  assert.deepEqual(table.series("ACME").values, []);

  assert.deepEqual(table.apply(batch(update("ACME", 5, 2))).changed, []);
  assert.equal(table.get("ACME"), undefined);
  // Published again after the removal: a newer version, so it is back.
  assert.deepEqual(table.apply(batch(update("ACME", 6, 4))).changed.map((i) => i.value), [6]);
});

test("removing a key the table never held changes nothing", () => {
  const table = new FeedTable();
  table.apply(snapshot());
  assert.deepEqual(table.apply(batch(update("ACME", null, 1))), { replaced: false, changed: [], removed: [] });
});

test("publishedAt is read from an ISO string and from a Date alike", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 1, 1, 1), update("GLOBX", 1, 1, 1, true)));
  assert.equal(table.get("ACME")?.publishedAtMs, t0 + 1000);
  assert.equal(table.get("GLOBX")?.publishedAtMs, t0 + 1000);
});

test("the chart series holds each key's recent numbers, prices of objects included, never more than asked", () => {
  const table = new FeedTable(3);
  table.apply(snapshot(update("ACME", { price: 10, change: 0, volume: 1 }, 1)));
  for (let version = 2; version <= 5; version++) table.apply(batch(update("ACME", { price: 10 + version }, version)));
  table.apply(batch(update("NOTE", "text only", 1)));
  assert.deepEqual(table.series("ACME").values, [13, 14, 15]);
  assert.deepEqual(table.series("ACME").times, [3, 4, 5].map((s) => t0 + s * 1000));
  assert.deepEqual(table.series("NOTE").values, []);
});

test("the chart's time axis never goes back, even when two nodes' clocks disagree", () => {
  const table = new FeedTable();
  table.apply(snapshot(update("ACME", 1, 1, 10)));
  table.apply(batch(update("ACME", 2, 2, 9)));
  assert.deepEqual(table.series("ACME").times, [t0 + 10_000, t0 + 10_000]);
});
