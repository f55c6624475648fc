import assert from "node:assert/strict";
import { test } from "node:test";
import type { MatchDelta, MatchJoin } from "../src/api/gameContracts";
import { ArenaGame } from "../src/game/arenaGame";
import { defaultRules } from "../src/game/arenaRules";
import { MatchWorld } from "../src/game/matchWorld";

const delta = (tick: number, entities: Record<string, unknown>, full = false, lastInputSequence = 0): MatchDelta => ({
  tick,
  full,
  entities,
  lastInputSequence,
});

const player = (name: string, x: number, y: number, score = 0) => ({ x, y, name, score });

function joinOf(state: MatchDelta): MatchJoin {
  return { matchId: "m1", kind: "arena", playerId: "alice", tick: state.tick, state };
}

test("a full delta replaces the world, a partial one merges, null removes, and a stale partial one changes nothing", () => {
  const world = new MatchWorld();
  world.apply(delta(10, { "player:a": player("a", 1, 1), "gem:0": { x: 5, y: 5 }, "gem:1": { x: 6, y: 6 } }, true));
  const merged = world.apply(delta(12, { "gem:0": null, "gem:2": { x: 7, y: 7 }, "gem:9": null }));
  assert.deepEqual(merged, { full: false, changed: ["gem:2"], removed: ["gem:0"] });
  assert.deepEqual([...world.entities.keys()].sort(), ["gem:1", "gem:2", "player:a"]);
  assert.equal(world.apply(delta(12, { "gem:3": { x: 1, y: 1 } })), undefined);
  assert.equal(world.apply(delta(11, { "gem:3": { x: 1, y: 1 } })), undefined);
  assert.equal(world.entities.has("gem:3"), false);

  // A match resumed elsewhere from its last save goes back in ticks: its full delta still replaces everything.
  const replaced = world.apply(delta(8, { "player:a": player("a", 2, 2) }, true));
  assert.deepEqual(replaced?.removed.sort(), ["gem:1", "gem:2"]);
  assert.deepEqual([...world.entities.keys()], ["player:a"]);
  assert.equal(world.tick, 8);
  assert.ok(world.apply(delta(9, { "gem:4": { x: 1, y: 1 } })));
});

test("others glide from where they are drawn to each new position over the time between the two newest deltas", () => {
  const game = new ArenaGame(joinOf(delta(10, { "player:alice": player("alice", 500, 500), "player:bob": player("bob", 100, 100) }, true)), defaultRules, 0);
  game.applyState(delta(12, { "player:bob": player("bob", 200, 100) }), 1000);
  const bobAt = (ms: number) => game.frame(ms).players.find((p) => p.playerId === "bob");
  assert.equal(bobAt(1000)?.x, 100);
  assert.equal(bobAt(1050)?.x, 150);
  assert.equal(bobAt(1100)?.x, 200);
  assert.equal(bobAt(1400)?.x, 200);
  // A delta that does not name bob leaves his glide alone; the next one starts from where he is drawn.
  game.applyState(delta(13, { "gem:1": { x: 9, y: 9 } }), 1400);
  game.applyState(delta(14, { "player:bob": player("bob", 300, 100, 2) }), 1450);
  assert.equal(bobAt(1450)?.x, 200);
  assert.equal(bobAt(1475)?.x, 250);
  assert.equal(bobAt(1475)?.score, 2);
});

test("new players and gems appear where they are, a full delta jumps, and removed ones are no longer drawn", () => {
  const game = new ArenaGame(joinOf(delta(10, { "player:alice": player("alice", 500, 500), "gem:0": { x: 10, y: 10 } }, true)), defaultRules, 0);
  game.applyState(delta(12, { "player:carol": player("carol", 300, 300), "gem:0": { x: 900, y: 900 } }), 100);
  let frame = game.frame(100);
  assert.deepEqual(frame.players.find((p) => p.playerId === "carol"), { playerId: "carol", name: "carol", score: 0, own: false, x: 300, y: 300 });
  assert.deepEqual(frame.gems, [{ x: 900, y: 900 }]);
  game.applyState(delta(14, { "player:carol": player("carol", 600, 600) }, true), 200);
  frame = game.frame(200);
  assert.deepEqual(frame.players.map((p) => p.playerId), ["carol"]);
  assert.equal(frame.players[0].x, 600);
  assert.deepEqual(frame.gems, []);
  game.applyState(delta(16, { "player:carol": null }), 300);
  assert.deepEqual(game.frame(300).players, []);
});

test("the own player is drawn where it is predicted, moving from the first tick after an input, and marked own", () => {
  const game = new ArenaGame(joinOf(delta(10, { "player:alice": player("alice", 500, 500) }, true)), defaultRules, 0);
  game.sent(1, { dx: -1, dy: 0 }, 0);
  const own = (ms: number) => game.frame(ms).players.find((p) => p.own);
  assert.equal(own(0)?.x, 500);
  assert.equal(own(25)?.x, 495, "half a tick under way");
  assert.equal(own(100)?.x, 480);
  assert.equal(game.prediction.position.x, 480);
  // The next tick's state has input 1 applied for one tick (and the server has the player a little elsewhere): the
  // second tick held here is replayed on the server's position.
  game.applyState(delta(11, { "player:alice": player("alice", 495, 500) }, false, 1), 100);
  assert.equal(game.serverPosition?.x, 495);
  assert.equal(game.prediction.position.x, 485);
});

test("local ticks are counted from the clock at every event, so a tab that draws no frames keeps its prediction", () => {
  const game = new ArenaGame(joinOf(delta(10, { "player:alice": player("alice", 500, 500) }, true)), defaultRules, 0);
  game.sent(1, { dx: 0, dy: 1 }, 0);
  game.sent(2, { dx: 0, dy: 0 }, 200);
  assert.equal(game.prediction.position.y, 540);
  game.advance(60_000);
  assert.equal(game.prediction.position.y, 540);
});
