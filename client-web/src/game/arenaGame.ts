import {
  gemEntityPrefix,
  playerEntityId,
  playerEntityPrefix,
  type ArenaInput,
  type MatchDelta,
  type MatchJoin,
} from "../api/gameContracts";
import { tickMs, type ArenaRules, type Point } from "./arenaRules";
import { Glides } from "./glides";
import { MatchWorld } from "./matchWorld";
import { OwnPrediction } from "./ownPrediction";

/** A player as drawn. */
export interface DrawnPlayer extends Point {
  playerId: string;
  name: string;
  score: number;
  own: boolean;
}

/** Everything to draw at one moment. */
export interface ArenaFrame {
  players: DrawnPlayer[];
  gems: Point[];
}

/** A long pause (a hidden tab, a stalled page) is not replayed beyond this. */
const maxCatchUpMs = 5000;
/** A glide never lasts longer than this, whatever the gap between two deltas (after a reconnect, say). */
const maxGlideMs = 250;

/**
 * One seat in an arena, without the DOM: the entities from the deltas, the own player predicted and reconciled, the
 * others gliding between deltas, and the local tick clock (run at the server's tick rate from whatever time the page
 * passes in, at every event, so ticks are counted alike whether or not frames are drawn).
 */
export class ArenaGame {
  readonly world = new MatchWorld();
  readonly prediction: OwnPrediction;
  private readonly glides = new Glides();
  private readonly ownEntity: string;
  private clockMs: number;
  private sinceTickMs = 0;
  private previousStateTick: number | undefined;

  constructor(
    readonly join: MatchJoin,
    private readonly rules: ArenaRules,
    nowMs: number,
  ) {
    this.ownEntity = playerEntityId(join.playerId);
    this.prediction = new OwnPrediction(rules);
    this.clockMs = nowMs;
    this.applyState(join.state, nowMs);
    this.prediction.reset(this.serverPosition ?? { x: 0, y: 0 }, Number(join.state.tick), Number(join.state.lastInputSequence));
  }

  get matchId(): string {
    return this.join.matchId;
  }

  /** The own player where the server last put it. */
  get serverPosition(): Point | undefined {
    const own = playerOf(this.world.entities.get(this.ownEntity));
    return own && { x: own.x, y: own.y };
  }

  /** Applies a `MatchState`; false when it was stale (older than what is held). */
  applyState(delta: MatchDelta, nowMs: number): boolean {
    this.advance(nowMs);
    const applied = this.world.apply(delta);
    if (!applied) return false;
    const tick = Number(delta.tick);
    const gap = this.previousStateTick !== undefined && tick > this.previousStateTick ? tick - this.previousStateTick : 1;
    const glideMs = Math.min(maxGlideMs, gap * tickMs(this.rules));
    this.previousStateTick = tick;
    if (applied.full) this.glides.clear();
    for (const id of applied.removed) this.glides.remove(id);
    for (const id of applied.changed) {
      const player = id === this.ownEntity ? undefined : playerOf(this.world.entities.get(id));
      if (player) this.glides.moveTo(id, player, nowMs, glideMs, applied.full);
    }
    const server = this.serverPosition;
    if (server) this.prediction.reconcile(server, tick, Number(delta.lastInputSequence));
    return true;
  }

  /** This page sent an input: from the next tick on it is the one held. */
  sent(sequence: number, input: ArenaInput, nowMs: number): void {
    this.advance(nowMs);
    this.prediction.sent(sequence, input);
  }

  /** Runs the local ticks due by `nowMs`. */
  advance(nowMs: number): void {
    const period = tickMs(this.rules);
    this.sinceTickMs += Math.min(maxCatchUpMs, Math.max(0, nowMs - this.clockMs));
    this.clockMs = Math.max(this.clockMs, nowMs);
    while (this.sinceTickMs >= period) {
      this.sinceTickMs -= period;
      this.prediction.step();
    }
  }

  /** What to draw at `nowMs`. */
  frame(nowMs: number): ArenaFrame {
    this.advance(nowMs);
    const players: DrawnPlayer[] = [];
    const gems: Point[] = [];
    for (const [id, value] of this.world.entities) {
      if (id.startsWith(gemEntityPrefix)) {
        const gem = pointOf(value);
        if (gem) gems.push(gem);
        continue;
      }
      const player = id.startsWith(playerEntityPrefix) ? playerOf(value) : undefined;
      if (!player) continue;
      const own = id === this.ownEntity;
      const at = own ? this.prediction.drawnAt(this.sinceTickMs / tickMs(this.rules)) : (this.glides.at(id, nowMs) ?? player);
      players.push({ playerId: id.slice(playerEntityPrefix.length), name: player.name, score: player.score, own, x: at.x, y: at.y });
    }
    return { players, gems };
  }
}

function pointOf(value: unknown): Point | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { x, y } = value as { x?: unknown; y?: unknown };
  const point = { x: Number(x), y: Number(y) };
  return Number.isFinite(point.x) && Number.isFinite(point.y) ? point : undefined;
}

function playerOf(value: unknown): (Point & { name: string; score: number }) | undefined {
  const point = pointOf(value);
  if (!point) return undefined;
  const { name, score } = value as { name?: unknown; score?: unknown };
  return { ...point, name: String(name ?? ""), score: Number(score) || 0 };
}
