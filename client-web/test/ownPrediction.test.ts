import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultRules, move } from "../src/game/arenaRules";
import { OwnPrediction } from "../src/game/ownPrediction";

const right = { dx: 1, dy: 0 };
const down = { dx: 0, dy: 1 };

test("the server's step: speed / tick rate per tick, a diagonal no faster, axes clamped to ±1 and the field", () => {
  assert.deepEqual(move({ x: 500, y: 500 }, right, 1, defaultRules), { x: 510, y: 500 });
  const diagonal = move({ x: 500, y: 500 }, { dx: 1, dy: 1 }, 1, defaultRules);
  assert.ok(Math.abs(Math.hypot(diagonal.x - 500, diagonal.y - 500) - 10) < 1e-9);
  assert.deepEqual(move({ x: 500, y: 500 }, { dx: 5, dy: 0 }, 1, defaultRules), { x: 510, y: 500 });
  assert.deepEqual(move({ x: 500, y: 500 }, { dx: 0.5, dy: 0 }, 2, defaultRules), { x: 510, y: 500 });
  assert.deepEqual(move({ x: 995, y: 3 }, { dx: 1, dy: -1 }, 3, defaultRules), { x: 1000, y: 0 });
  assert.deepEqual(move({ x: 500, y: 500 }, { dx: Number.NaN, dy: 0 }, 3, defaultRules), { x: 500, y: 500 });
});

test("the own player moves at once by each local tick of the held input, and stands still without one", () => {
  const prediction = new OwnPrediction(defaultRules);
  prediction.reset({ x: 500, y: 500 }, 10, 0);
  prediction.step();
  assert.deepEqual(prediction.position, { x: 500, y: 500 });
  prediction.sent(1, right);
  prediction.step();
  prediction.step();
  prediction.step();
  assert.deepEqual(prediction.position, { x: 530, y: 500 });
});

test("with a steady delay the server's states agree with the prediction: nothing snaps back", () => {
  const prediction = new OwnPrediction(defaultRules);
  prediction.reset({ x: 500, y: 500 }, 10, 0);
  prediction.sent(1, right);
  prediction.step();
  prediction.step();
  // One tick late, the server has run input 1 for one tick; the second tick of it here is replayed.
  prediction.reconcile({ x: 510, y: 500 }, 11, 1);
  assert.deepEqual(prediction.position, { x: 520, y: 500 });
  prediction.sent(2, down);
  prediction.step();
  prediction.step();
  // Input 2 has not reached the server: it is replayed in full on the server's position.
  prediction.reconcile({ x: 520, y: 500 }, 12, 1);
  assert.deepEqual(prediction.position, { x: 520, y: 520 });
  prediction.reconcile({ x: 520, y: 510 }, 13, 2);
  assert.deepEqual(prediction.position, { x: 520, y: 520 });
  assert.equal(prediction.pendingCount, 1, "inputs older than the applied one are dropped");
  assert.equal(prediction.lastAppliedSequence, 2);
});

test("reconciliation takes the server's position and replays only the inputs it has not applied", () => {
  const prediction = new OwnPrediction(defaultRules);
  prediction.reset({ x: 500, y: 500 }, 10, 0);
  prediction.sent(1, right);
  prediction.step();
  prediction.sent(2, down);
  prediction.step();
  prediction.step();
  // The server put the player elsewhere (it decides), and has applied nothing yet.
  prediction.reconcile({ x: 300, y: 300 }, 11, 0);
  assert.deepEqual(prediction.position, { x: 310, y: 320 });
  // Now both are applied and input 2 has run its two ticks there: nothing is left to replay.
  prediction.reconcile({ x: 310, y: 320 }, 14, 2);
  prediction.reconcile({ x: 310, y: 320 }, 15, 2);
  assert.deepEqual(prediction.position, { x: 310, y: 320 });
});

test("a small correction is eased in over a few ticks, a large one is a jump", () => {
  const prediction = new OwnPrediction(defaultRules);
  prediction.reset({ x: 500, y: 500 }, 10, 0);
  prediction.reconcile({ x: 506, y: 500 }, 11, 0);
  assert.deepEqual(prediction.position, { x: 506, y: 500 });
  assert.deepEqual(prediction.drawnAt(0), { x: 500, y: 500 });
  for (let i = 0; i < 12; i++) prediction.step();
  assert.ok(Math.abs(prediction.drawnAt(0).x - 506) < 0.05);
  prediction.reconcile({ x: 900, y: 100 }, 12, 0);
  assert.deepEqual(prediction.drawnAt(0), { x: 900, y: 100 });
});

test("the drawn player is under way between ticks, in the held direction", () => {
  const prediction = new OwnPrediction(defaultRules);
  prediction.reset({ x: 500, y: 500 }, 10, 0);
  prediction.sent(1, down);
  prediction.step();
  assert.deepEqual(prediction.drawnAt(0.5), { x: 500, y: 515 });
});

test("after a reload the held input stays though the server names a newer sequence than any sent here", () => {
  const prediction = new OwnPrediction(defaultRules);
  prediction.reset({ x: 500, y: 500 }, 10, 40);
  prediction.sent(41, right);
  prediction.step();
  prediction.reconcile({ x: 500, y: 500 }, 11, 90);
  prediction.step();
  assert.equal(prediction.pendingCount, 1);
  assert.deepEqual(prediction.position, { x: 510, y: 500 });
});
