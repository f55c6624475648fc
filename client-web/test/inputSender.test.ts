import assert from "node:assert/strict";
import { test } from "node:test";
import type { ArenaInput } from "../src/api/gameContracts";
import { directionOf } from "../src/game/controls";
import { InputSender } from "../src/game/inputSender";
import { PingMeter } from "../src/game/pingMeter";
import { roundResultText } from "../src/game/scoreboardView";

function recordingSender() {
  const sent: { sequence: number; input: ArenaInput }[] = [];
  const sender = new InputSender((sequence, input) => sent.push({ sequence, input }));
  return { sent, sender };
}

test("a seat starts the numbering above the server's newest and sends the held direction at once", () => {
  const { sent, sender } = recordingSender();
  sender.want({ dx: 1, dy: 0 }, 0);
  assert.equal(sent.length, 0, "nothing is sent without a seat");
  sender.start(41, 0);
  assert.deepEqual(sent, [{ sequence: 42, input: { dx: 1, dy: 0 } }]);
  sender.stop();
  sender.start(3, 1000);
  assert.deepEqual(sent[1], { sequence: 43, input: { dx: 1, dy: 0 } }, "sequences never go back");
});

test("a new direction goes at once; within the gap the newest wanted one waits for it; the same one is not sent again", () => {
  const { sent, sender } = recordingSender();
  sender.start(0, 0);
  sender.want({ dx: 1, dy: 0 }, 60);
  sender.want({ dx: 1, dy: 0 }, 70);
  sender.want({ dx: 0, dy: 1 }, 80);
  sender.want({ dx: -1, dy: 0 }, 90);
  sender.poll(100);
  sender.poll(110);
  assert.deepEqual(
    sent.map((s) => [s.sequence, s.input.dx, s.input.dy]),
    [
      [1, 0, 0],
      [2, 1, 0],
      [3, -1, 0],
    ],
  );
  sender.want({ dx: 0, dy: 1 }, 120);
  sender.want({ dx: -1, dy: 0 }, 130);
  sender.poll(200);
  assert.equal(sent.length, 3, "wanting the held direction again cancels the waiting one");
});

test("the held input is sent again every keep-alive period, and at most 20 inputs go out in a second", () => {
  const { sent, sender } = recordingSender();
  sender.start(0, 0);
  sender.poll(249);
  assert.equal(sent.length, 1);
  sender.poll(250);
  assert.deepEqual(sent[1], { sequence: 2, input: { dx: 0, dy: 0 } });

  const storm = recordingSender();
  storm.sender.start(0, 0);
  for (let ms = 1; ms < 1000; ms++) storm.sender.want({ dx: ms % 2, dy: 0 }, ms);
  assert.ok(storm.sent.length <= 20, `${storm.sent.length} inputs in a second`);
});

test("inputs are clamped to the axis range before they are sent", () => {
  const { sent, sender } = recordingSender();
  sender.start(0, 0);
  sender.want({ dx: 7, dy: -3 }, 100);
  assert.deepEqual(sent[1].input, { dx: 1, dy: -1 });
});

test("a drag is one of 16 unit directions, or a stop near the player", () => {
  assert.deepEqual(directionOf(5, 5, 12), { dx: 0, dy: 0 });
  assert.deepEqual(directionOf(100, 0, 12), { dx: 1, dy: 0 });
  assert.deepEqual(directionOf(0, -40, 12), { dx: 0, dy: -1 });
  assert.deepEqual(directionOf(100, 98, 12), { dx: 0.707, dy: 0.707 });
  assert.deepEqual(directionOf(100, 10, 12), { dx: 1, dy: 0 });
});

test("the ping starts at its first sample and then moves a fifth of the way to each new one", () => {
  const ping = new PingMeter();
  assert.equal(ping.milliseconds, undefined);
  ping.add(40);
  assert.equal(ping.milliseconds, 40);
  ping.add(140);
  assert.equal(ping.milliseconds, 60);
  ping.add(Number.NaN);
  assert.equal(ping.milliseconds, 60);
});

test("a round's result names the winner, ties, and the own score when it did not win", () => {
  const scores = [
    { playerId: "a", name: "alice", score: 5 },
    { playerId: "b", name: "bob", score: 3 },
  ];
  assert.equal(roundResultText(scores, "b"), "Round over: alice wins with 5 (you: 3).");
  assert.equal(roundResultText(scores, "a"), "Round over: alice wins with 5.");
  assert.equal(roundResultText([...scores, { playerId: "c", name: "carol", score: 5 }], "b"), "Round over: alice and carol tie with 5 (you: 3).");
  assert.equal(roundResultText([{ playerId: "a", name: "alice", score: 0 }], "a"), "Round over: no gems were collected.");
});
