import assert from "node:assert/strict";
import { test } from "node:test";
import { summarize } from "../src/ui/notificationView";
import { isForbiddenRoom } from "../src/connection/hubErrors";
import { privateRoomText, removedFromRoomText } from "../src/ui/format";

test("a notification's data reads as one line of plain text", () => {
  assert.equal(summarize("Invoice ready"), "Invoice ready");
  assert.equal(summarize({ text: "Your order shipped", order: 7 }), "Your order shipped");
  assert.equal(summarize({ title: "Hi" }), "Hi");
  assert.equal(summarize({ invoice: 42 }), '{"invoice":42}');
  assert.equal(summarize([1, 2]), "[1,2]");
  assert.equal(summarize(null), "null");
  assert.equal(summarize(42), "42");
  assert.equal(summarize("<img src=x onerror=alert(1)>"), "<img src=x onerror=alert(1)>"); // text, shown as text
});

test("long data is cut to 200 characters", () => {
  const summary = summarize("x".repeat(1000));
  assert.equal(summary.length, 200);
  assert.ok(summary.endsWith("…"));
});

test("forbidden room is recognised in SignalR's wording and bare", () => {
  assert.ok(isForbiddenRoom(new Error("An unexpected error occurred invoking 'JoinRoom' on the server. HubException: forbidden room: 'vip' is private")));
  assert.ok(isForbiddenRoom(new Error("forbidden room: 'vip' is private")));
  assert.ok(!isForbiddenRoom(new Error("HubException: not in room: join 'vip' first")));
  assert.equal(privateRoomText("vip"), "#vip is a private room: only its members can join it.");
  assert.match(removedFromRoomText("vip"), /^You were removed from #vip/);
});
