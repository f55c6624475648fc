import type { Point } from "./arenaRules";

interface Glide {
  from: Point;
  to: Point;
  startMs: number;
  durationMs: number;
}

/**
 * Entities of other players drawn between the deltas that moved them: each new position starts a glide from where
 * the entity is drawn to where the delta puts it, lasting the time between the two newest deltas, so what is drawn
 * trails the server by about one state interval and moves smoothly at any frame rate.
 */
export class Glides {
  private readonly glides = new Map<string, Glide>();

  /** The entity is now at `to`: glide there from where it is drawn, or (new, or `jump`) appear there. */
  moveTo(id: string, to: Point, nowMs: number, durationMs: number, jump = false): void {
    const current = jump ? undefined : this.at(id, nowMs);
    this.glides.set(id, { from: current ?? to, to, startMs: nowMs, durationMs: Math.max(1, durationMs) });
  }

  /** Where the entity is drawn at `nowMs`; undefined when it has none. */
  at(id: string, nowMs: number): Point | undefined {
    const glide = this.glides.get(id);
    if (!glide) return undefined;
    const t = Math.min(1, Math.max(0, (nowMs - glide.startMs) / glide.durationMs));
    return { x: glide.from.x + (glide.to.x - glide.from.x) * t, y: glide.from.y + (glide.to.y - glide.from.y) * t };
  }

  remove(id: string): void {
    this.glides.delete(id);
  }

  clear(): void {
    this.glides.clear();
  }
}
