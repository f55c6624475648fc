import { arenaDefaults, type ArenaInput } from "../api/gameContracts";

/** The two server settings the page predicts with: `Games:TickRate` and `Games:ArenaSpeed`. */
export interface ArenaRules {
  tickRate: number;
  speed: number;
}

export interface Point {
  x: number;
  y: number;
}

export const defaultRules: ArenaRules = { tickRate: arenaDefaults.tickRate, speed: arenaDefaults.speed };

/** The rules from the page's switches: `?tickRate=` and `?arenaSpeed=` for a server not on the defaults. */
export function readRules(search: string): ArenaRules {
  const query = new URLSearchParams(search);
  const positive = (name: string, fallback: number): number => {
    const value = Number(query.get(name) ?? Number.NaN);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { tickRate: positive("tickRate", defaultRules.tickRate), speed: positive("arenaSpeed", defaultRules.speed) };
}

/** One tick's length in milliseconds. */
export function tickMs(rules: ArenaRules): number {
  return 1000 / rules.tickRate;
}

/** An input as the server reads it: each axis clamped to −1…1, anything not a finite number 0. */
export function clampInput(input: ArenaInput): ArenaInput {
  const axis = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(-1, value)) : 0);
  return { dx: axis(input.dx), dy: axis(input.dy) };
}

/**
 * Where a player at `from` is after `ticks` ticks holding `input`: the server's arena step (ArenaMatch.Move), each
 * tick speed / tickRate units along the input cut to length 1, each axis clamped to the field. Holding one direction,
 * n steps clamped one by one end where one step of n times the length clamped once ends (each axis only moves one
 * way), so `ticks` may be any number, fractions included (a tick under way, for drawing).
 */
export function move(from: Point, input: ArenaInput, ticks: number, rules: ArenaRules): Point {
  const { dx, dy } = clampInput(input);
  const length = Math.hypot(dx, dy);
  if (length === 0 || ticks <= 0) return from;
  const scale = ((rules.speed / rules.tickRate) * ticks) / Math.max(length, 1);
  const field = arenaDefaults.fieldSize;
  return {
    x: Math.min(field, Math.max(0, from.x + dx * scale)),
    y: Math.min(field, Math.max(0, from.y + dy * scale)),
  };
}
