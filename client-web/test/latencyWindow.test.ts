import assert from "node:assert/strict";
import { test } from "node:test";
import { LatencyWindow } from "../src/dashboard/latencyWindow";

test("the readout is the median of the samples, by nearest rank", () => {
  const window = new LatencyWindow();
  for (const ms of [40, 10, 30, 20]) window.add(ms, 1000);
  assert.equal(window.p50(1000), 20);
  window.add(50, 1000);
  assert.equal(window.p50(1000), 30);
});

test("an update counts from its publish time to the moment it is drawn, not when it arrived", () => {
  const window = new LatencyWindow();
  window.arrived(1000);
  window.arrived(1010);
  assert.equal(window.p50(1020), undefined);
  window.displayed(1050);
  assert.equal(window.p50(1050), 40);
});

test("samples older than the window leave it, and an empty window has no readout", () => {
  const window = new LatencyWindow(100, 10_000);
  window.add(500, 0);
  window.add(20, 9_000);
  assert.equal(window.p50(9_000), 20);
  assert.equal(window.p50(10_000), 20);
  assert.equal(window.p50(10_001), 20);
  assert.equal(window.p50(19_001), undefined);
});

test("only the newest samples count", () => {
  const window = new LatencyWindow(3, 60_000);
  for (const ms of [900, 900, 900, 10, 20, 30]) window.add(ms, 0);
  assert.equal(window.p50(0), 20);
});

test("discarded updates (a snapshot's) never become samples", () => {
  const window = new LatencyWindow();
  window.arrived(0);
  window.discardPending();
  window.displayed(5000);
  assert.equal(window.p50(5000), undefined);
});

test("unreadable publish times are ignored", () => {
  const window = new LatencyWindow();
  window.arrived(Number.NaN);
  window.arrived(100);
  window.displayed(130);
  assert.equal(window.p50(130), 30);
});
