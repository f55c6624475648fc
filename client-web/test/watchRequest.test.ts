import assert from "node:assert/strict";
import { test } from "node:test";
import { changeOf, displayValue, numericValue } from "../src/dashboard/instrumentValue";
import { watchEndOf } from "../src/dashboard/watchEnd";
import { parseWatchRequest } from "../src/dashboard/watchRequest";

test("the form's keys are comma-separated, trimmed and deduplicated; none means every key", () => {
  assert.deepEqual(parseWatchRequest(" quotes ", "ACME, GLOBX ,,ACME", ""), { feed: "quotes", keys: ["ACME", "GLOBX"], maxPerSecond: null });
  assert.deepEqual(parseWatchRequest("quotes", "  ", "2.5"), { feed: "quotes", keys: null, maxPerSecond: 2.5 });
});

test("a bad feed, key or rate is refused before asking the server", () => {
  assert.ok("error" in parseWatchRequest("", "", ""));
  assert.ok("error" in parseWatchRequest("a b", "", ""));
  assert.ok("error" in parseWatchRequest("quotes", "ACME,<b>", ""));
  assert.ok("error" in parseWatchRequest("quotes", Array.from({ length: 501 }, (_, i) => `K${i}`).join(","), ""));
  for (const rate of ["0", "0.05", "51", "fast"]) assert.ok("error" in parseWatchRequest("quotes", "", rate), rate);
  assert.ok(!("error" in parseWatchRequest("quotes", "a.b:c_d-1", "50")));
});

test("a value shows as text: a number as is, an object by its price, anything else as JSON", () => {
  assert.equal(displayValue(187.25), "187.25");
  assert.equal(displayValue({ price: 42.5, change: -0.3, volume: 1200 }), "42.5");
  assert.equal(displayValue("<b>open</b>"), "<b>open</b>");
  assert.equal(displayValue({ home: 2, away: 1 }), '{"home":2,"away":1}');
  assert.equal(displayValue(true), "true");
  assert.equal(displayValue("x".repeat(200)).length, 80);
  assert.equal(numericValue({ price: 3 }), 3);
  assert.equal(numericValue({ price: "3" }), undefined);
  assert.equal(numericValue("3"), undefined);
  assert.equal(changeOf({ price: 3, change: -0.5 }), -0.5);
  assert.equal(changeOf(3), undefined);
});

const serverError = (message: string) =>
  new Error(`An error occurred on the server while streaming results. HubException: ${message}`);

test("a private feed or an invalid request stops the watch with a clear message", () => {
  assert.deepEqual(watchEndOf(serverError("forbidden feed"), "vip"), {
    retry: false,
    message: '"vip" is a private feed: only its members can watch it.',
  });
  for (const refusal of ["invalid feed", "invalid key: 'x y'", "invalid rate", "too many watches"]) {
    const end = watchEndOf(serverError(refusal), "quotes");
    assert.equal(end.retry, false, refusal);
    assert.match(end.message, new RegExp(refusal.split(":")[0]));
  }
});

test("the server's words are recognised bare as well as wrapped by SignalR", () => {
  assert.equal(watchEndOf(new Error("forbidden feed: 'vip' is private and you are not a member"), "vip").retry, false);
  assert.equal(watchEndOf(new Error("invalid key: 'a b'"), "quotes").retry, false);
  assert.equal(watchEndOf(new Error("unavailable: the node cannot reach Redis now"), "quotes").retry, true);
});

test("unavailable and a dropped connection are watched again", () => {
  assert.equal(watchEndOf(serverError("unavailable"), "quotes").retry, true);
  assert.equal(watchEndOf(new Error("Invocation canceled due to the underlying connection being closed."), "quotes").retry, true);
  assert.equal(watchEndOf(new Error("An unexpected error occurred."), "quotes").retry, true);
});
