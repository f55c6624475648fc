// The match shapes of CONTRACT §11 as they arrive: the same field names over both protocols. Numbers may come as
// numbers of any width (MessagePack writes small ones as integers); the game reads them through Number().

/** What `FindMatch(kind)` and `JoinMatch(matchId)` return: a seat and the player's full view at `tick`. */
export interface MatchJoin {
  matchId: string;
  kind: string;
  playerId: string;
  tick: number;
  state: MatchDelta;
}

/**
 * What one player is sent of a match at `tick`: the entities near it that changed since its last delta (`null`: gone
 * from its view), or all of them when `full`. `lastInputSequence` is the newest of its inputs the simulation applied.
 */
export interface MatchDelta {
  tick: number;
  full: boolean;
  entities: Record<string, unknown>;
  lastInputSequence: number;
}

export interface Score {
  playerId: string;
  name: string;
  score: number;
}

/** `player:<playerId>` of the arena. */
export interface ArenaPlayer {
  x: number;
  y: number;
  name: string;
  score: number;
}

/** `gem:<n>` of the arena. */
export interface ArenaGem {
  x: number;
  y: number;
}

/** An arena input: each axis −1…1 (the server clamps), the vector cut to length 1 (a diagonal is no faster). */
export interface ArenaInput {
  dx: number;
  dy: number;
}

export const gameKinds = { arena: "arena" } as const;

/** The contract's fixed arena values and the server's defaults the page predicts with (`?tickRate=`, `?arenaSpeed=` override). */
export const arenaDefaults = {
  fieldSize: 1000,
  /** `Games:TickRate`. */
  tickRate: 20,
  /** `Games:ArenaSpeed`, units per second. */
  speed: 200,
  /** A player's drawn radius and a gem's (they touch at 24 = 16 + 8). */
  playerRadius: 16,
  gemRadius: 8,
} as const;

export const playerEntityPrefix = "player:";
export const gemEntityPrefix = "gem:";

/** The entity id of a player. */
export function playerEntityId(playerId: string): string {
  return playerEntityPrefix + playerId;
}
