import type { ArenaInput } from "../api/gameContracts";
import { clampInput, move, type ArenaRules, type Point } from "./arenaRules";

/** An input this page sent, and how many local ticks it has been the one held. */
interface SentInput {
  sequence: number;
  input: ArenaInput;
  ticks: number;
  /** The server tick at which it was first applied, estimated from the first state that names it. */
  appliedAtTick?: number;
}

/** A correction of at most this many units is eased in; a larger one (a join, a failover) is a jump. */
const easeLimit = 40;
/** Share of an eased correction still shown after each tick. */
const easeKeep = 0.6;

/**
 * The own player, predicted: each local tick moves it at once by the held input with the server's rule, so a key
 * press shows without waiting for the server. On each state, reconciliation takes the server's position and replays
 * what the server has not applied yet: the inputs newer than `lastInputSequence` for the ticks each was held here, and
 * the ticks of `lastInputSequence`'s input held here beyond those the server has run it. The server holds an input
 * until the next one, so its ticks under one input are counted from the state tick at which that input first showed
 * as applied (the middle of the ticks since the state before). A small correction is eased in over a few ticks.
 */
export class OwnPrediction {
  private inputs: SentInput[] = [];
  private predicted: Point = { x: 0, y: 0 };
  private correction: Point = { x: 0, y: 0 };
  private lastApplied = 0;
  private lastStateTick: number | undefined;

  constructor(private readonly rules: ArenaRules) {}

  /** Where the server will have the player once it applied everything sent, held as long as here. */
  get position(): Point {
    return this.predicted;
  }

  /** Inputs not yet known to be fully applied (the held one included). */
  get pendingCount(): number {
    return this.inputs.length;
  }

  /** A seat (new, or taken back): the server's view is the truth and nothing sent before counts. */
  reset(server: Point, tick: number, lastInputSequence: number): void {
    this.inputs = [];
    this.predicted = server;
    this.correction = { x: 0, y: 0 };
    this.lastApplied = lastInputSequence;
    this.lastStateTick = tick;
  }

  /** An input was sent; it is held from the next tick on. */
  sent(sequence: number, input: ArenaInput): void {
    this.inputs.push({ sequence, input: clampInput(input), ticks: 0 });
  }

  /** One local tick: the held input moves the player. */
  step(): void {
    const held = this.inputs.at(-1);
    this.correction = { x: this.correction.x * easeKeep, y: this.correction.y * easeKeep };
    if (!held) return;
    held.ticks++;
    this.predicted = move(this.predicted, held.input, 1, this.rules);
  }

  /** A state: the server had the player at `server` after `tick`, having applied inputs up to `lastInputSequence`. */
  reconcile(server: Point, tick: number, lastInputSequence: number): void {
    const applied = this.inputs.find((i) => i.sequence === lastInputSequence);
    if (applied && applied.appliedAtTick === undefined) {
      const since = this.lastStateTick !== undefined && this.lastStateTick < tick ? this.lastStateTick : tick - 1;
      applied.appliedAtTick = (since + 1 + tick) / 2;
    }
    // The held input stays, even when the server says it applied a newer one (this page was reloaded).
    this.inputs = this.inputs.filter((i, n) => i.sequence >= lastInputSequence || n === this.inputs.length - 1);
    let position = server;
    for (const input of this.inputs) {
      if (input.sequence < lastInputSequence) continue;
      const serverTicks = input === applied ? tick - (input.appliedAtTick ?? tick) + 1 : 0;
      position = move(position, input.input, Math.max(0, input.ticks - serverTicks), this.rules);
    }
    this.ease(position);
    this.predicted = position;
    this.lastApplied = lastInputSequence;
    this.lastStateTick = tick;
  }

  /** Where to draw the player `fraction` of a tick after the last local tick: under way, with the eased correction. */
  drawnAt(fraction: number): Point {
    const held = this.inputs.at(-1);
    const at = held ? move(this.predicted, held.input, fraction, this.rules) : this.predicted;
    return { x: at.x + this.correction.x, y: at.y + this.correction.y };
  }

  /** The newest input the server has applied, as the last state said. */
  get lastAppliedSequence(): number {
    return this.lastApplied;
  }

  private ease(next: Point): void {
    const shown = { x: this.predicted.x + this.correction.x, y: this.predicted.y + this.correction.y };
    const offset = { x: shown.x - next.x, y: shown.y - next.y };
    this.correction = Math.hypot(offset.x, offset.y) <= easeLimit ? offset : { x: 0, y: 0 };
  }
}
