import type { HubConnection } from "@microsoft/signalr";
import type { ArenaInput, MatchDelta, MatchJoin, Score } from "../api/gameContracts";

/** The game hub's events (IGameClient). */
export interface GameHubEvents {
  matchState(matchId: string, delta: MatchDelta): void;
  scoreboard(matchId: string, scores: Score[]): void;
  matchEnded(matchId: string, scores: Score[]): void;
}

/**
 * The methods and events of /hubs/game (IGameHub) by their exact names, every argument passed (SignalR binds by
 * position). Both protocols give the same shapes; numbers are made plain numbers here.
 */
export class GameHub {
  constructor(private readonly connection: HubConnection) {}

  async findMatch(kind: string): Promise<MatchJoin> {
    return joinOf(await this.connection.invoke<MatchJoin>("FindMatch", kind));
  }

  leaveMatch(matchId: string): Promise<void> {
    return this.connection.invoke("LeaveMatch", matchId);
  }

  /** Completes when the server has taken the input (queued for the next tick), or fails with its refusal. */
  sendInput(matchId: string, sequence: number, input: ArenaInput): Promise<void> {
    return this.connection.invoke("SendInput", matchId, sequence, { dx: input.dx, dy: input.dy });
  }

  subscribe(events: GameHubEvents): void {
    this.connection.on("MatchState", (matchId: string, delta: MatchDelta) => events.matchState(matchId, deltaOf(delta)));
    this.connection.on("Scoreboard", (matchId: string, scores: Score[]) => events.scoreboard(matchId, scoresOf(scores)));
    this.connection.on("MatchEnded", (matchId: string, scores: Score[]) => events.matchEnded(matchId, scoresOf(scores)));
  }
}

function joinOf(join: MatchJoin): MatchJoin {
  return { ...join, tick: Number(join.tick), state: deltaOf(join.state) };
}

function deltaOf(delta: MatchDelta): MatchDelta {
  return {
    tick: Number(delta.tick),
    full: Boolean(delta.full),
    entities: delta.entities ?? {},
    lastInputSequence: Number(delta.lastInputSequence),
  };
}

function scoresOf(scores: Score[] | null): Score[] {
  return (scores ?? []).map((s) => ({ playerId: String(s.playerId), name: String(s.name), score: Number(s.score) }));
}
