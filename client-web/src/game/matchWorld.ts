import type { MatchDelta } from "../api/gameContracts";

/** What applying one delta changed. */
export interface AppliedDelta {
  /** Everything was replaced: what was held before is gone. */
  full: boolean;
  /** Entities new or changed (all of them when full). */
  changed: string[];
  /** Entities gone from the view. */
  removed: string[];
}

/**
 * The entities of a match as this player was shown them: a full delta replaces everything (it may also go back in
 * ticks: a match resumed on another node from its last save), any other delta merges in, `null` removing an entity.
 * A partial delta not newer than what is held (made before the full view a join gave) changes nothing.
 */
export class MatchWorld {
  readonly entities = new Map<string, unknown>();
  private currentTick: number | undefined;

  /** The tick of the newest delta applied; undefined before the first. */
  get tick(): number | undefined {
    return this.currentTick;
  }

  /** Applies the delta, or returns undefined when it is stale. */
  apply(delta: MatchDelta): AppliedDelta | undefined {
    const tick = Number(delta.tick);
    if (!delta.full && this.currentTick !== undefined && tick <= this.currentTick) return undefined;
    const changed: string[] = [];
    const removed: string[] = [];
    if (delta.full) {
      removed.push(...[...this.entities.keys()].filter((id) => delta.entities[id] == null));
      this.entities.clear();
    }
    for (const [id, value] of Object.entries(delta.entities)) {
      if (value == null) {
        if (this.entities.delete(id)) removed.push(id);
      } else {
        this.entities.set(id, value);
        changed.push(id);
      }
    }
    this.currentTick = tick;
    return { full: delta.full, changed, removed };
  }

  clear(): void {
    this.entities.clear();
    this.currentTick = undefined;
  }
}
