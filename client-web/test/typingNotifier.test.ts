import assert from "node:assert/strict";
import { test } from "node:test";
import { TypingNotifier } from "../src/chat/typingNotifier";

test("keystrokes send typing at most once per interval and stop sends it once", () => {
  let now = 0;
  const calls: string[] = [];
  const notifier = new TypingNotifier((room, typing) => calls.push(`${room}:${typing}`), 2500, 60_000, () => now);
  notifier.input("lobby");
  now = 1000;
  notifier.input("lobby");
  now = 2600;
  notifier.input("lobby");
  notifier.stop();
  notifier.stop();
  assert.deepEqual(calls, ["lobby:true", "lobby:true", "lobby:false"]);
});

test("typing in another room stops the first one", () => {
  const calls: string[] = [];
  const notifier = new TypingNotifier((room, typing) => calls.push(`${room}:${typing}`), 2500, 60_000);
  notifier.input("a");
  notifier.input("b");
  notifier.stop();
  assert.deepEqual(calls, ["a:true", "a:false", "b:true", "b:false"]);
});
