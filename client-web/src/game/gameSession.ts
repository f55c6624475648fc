import { gameKinds, type ArenaInput, type MatchDelta, type MatchJoin, type Score } from "../api/gameContracts";
import { hubRoutes } from "../api/hubRoutes";
import { TokenProvider } from "../api/tokenProvider";
import type { PageConfig } from "../config";
import type { ConnectionStatus } from "../connection/connectionState";
import { hubErrorOf, messageOf } from "../connection/hubErrors";
import { ManagedConnection } from "../connection/managedConnection";
import { GameHub } from "./gameHub";
import { PingMeter } from "./pingMeter";

/** FindMatch tries after a reconnect, and the pause between them, before the seat is given up. */
const seatRetries = 10;
const seatRetryMs = 1000;

export interface GameSessionEvents {
  statusChanged(status: ConnectionStatus): void;
  /** A seat, first or again (after a reconnect: the same one within the server's grace, else a new one). */
  joined(join: MatchJoin): void;
  /** A state of the seat's match, in arrival order (the world drops stale ones). */
  state(delta: MatchDelta): void;
  scoreboard(scores: Score[]): void;
  roundEnded(scores: Score[]): void;
  /** No seat any more: left, or lost (the message says why). */
  left(message: string | undefined): void;
  /** The smoothed round trip of SendInput, in whole ms. */
  ping(milliseconds: number): void;
}

/**
 * Signs in (a dev token per name, as on the other pages), keeps one connection to the game hub and at most one seat
 * on it. States that arrive while FindMatch is under way are kept and handed on after the seat (the first can beat
 * the reply); after a reconnect the session asks FindMatch again, which gives the seat back within its grace.
 */
export class GameSession {
  private hub: ManagedConnection | undefined;
  private game: GameHub | undefined;
  private matchId: string | undefined;
  private wantsSeat = false;
  private early: [string, MatchDelta][] | undefined;
  private finding: Promise<MatchJoin> | undefined;
  private readonly ping = new PingMeter();

  constructor(
    private readonly config: PageConfig,
    private readonly events: GameSessionEvents,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get isConnected(): boolean {
    return this.hub?.isConnected ?? false;
  }

  get currentMatchId(): string | undefined {
    return this.matchId;
  }

  async signIn(userName: string): Promise<void> {
    const tokens = new TokenProvider(userName);
    await tokens.getToken();
    const hub = new ManagedConnection(
      hubRoutes.game,
      { accessTokenFactory: () => tokens.getToken(), ...this.config },
      {
        statusChanged: (status) => this.events.statusChanged(status),
        reconnected: () => this.seatAgain(),
      },
    );
    this.hub = hub;
    this.game = new GameHub(hub.connection);
    this.game.subscribe({
      matchState: (matchId, delta) => {
        if (this.early) this.early.push([matchId, delta]);
        else if (matchId === this.matchId) this.events.state(delta);
      },
      scoreboard: (matchId, scores) => {
        if (matchId === this.matchId) this.events.scoreboard(scores);
      },
      matchEnded: (matchId, scores) => {
        if (matchId === this.matchId) this.events.roundEnded(scores);
      },
    });
    await hub.start(false);
  }

  /** The Reconnect button: a fresh attempt after the retry policy gave up. */
  reconnect(): Promise<void> {
    return this.hub?.start(true) ?? Promise.resolve();
  }

  /** A seat in an arena match (the one this user holds, if any); a call while one is under way shares it. */
  findMatch(): Promise<MatchJoin> {
    if (!this.game) return Promise.reject(new Error("Not signed in."));
    this.wantsSeat = true;
    this.finding ??= this.seat(this.game).finally(() => (this.finding = undefined));
    return this.finding;
  }

  /** Gives the seat up. */
  async leaveMatch(): Promise<void> {
    const matchId = this.matchId;
    this.lost(undefined);
    if (matchId && this.game) await this.game.leaveMatch(matchId);
  }

  /** Sends one input of the seat; its round trip feeds the ping. Refusals other than a lost seat only drop it. */
  sendInput(sequence: number, input: ArenaInput): void {
    const matchId = this.matchId;
    if (!matchId || !this.game || !this.isConnected) return;
    const started = this.now();
    this.game.sendInput(matchId, sequence, input).then(
      () => {
        this.ping.add(this.now() - started);
        this.events.ping(this.ping.milliseconds ?? 0);
      },
      (error: unknown) => {
        // "rate limited" drops the input (the keep-alive sends the held one again); a dropped connection reconnects.
        if (matchId === this.matchId && hubErrorOf(error)?.startsWith("not in match")) this.lost("The seat was lost: find a match again.");
      },
    );
  }

  private async seat(game: GameHub): Promise<MatchJoin> {
    this.early = [];
    let join: MatchJoin;
    let early: [string, MatchDelta][];
    try {
      join = await game.findMatch(gameKinds.arena);
    } finally {
      early = this.early;
      this.early = undefined;
    }
    this.matchId = join.matchId;
    this.events.joined(join);
    for (const [matchId, delta] of early) {
      if (matchId === join.matchId) this.events.state(delta);
    }
    return join;
  }

  /**
   * After a reconnect: FindMatch again. When the connection drops under the call, the next reconnect asks again; when
   * the match's node cannot be reached yet (`unavailable`: a failover under way) it asks again shortly; a refusal, or
   * too many tries, gives the seat up.
   */
  private seatAgain(attempt = 0): void {
    if (!this.wantsSeat) return;
    this.findMatch().catch((error: unknown) => {
      const refusal = hubErrorOf(error);
      const worthRetrying = refusal === undefined || refusal.startsWith("unavailable");
      if (!worthRetrying || attempt >= seatRetries) {
        this.lost(`Could not take the seat back: ${refusal ?? messageOf(error)}`);
      } else if (this.isConnected) {
        setTimeout(() => this.seatAgain(attempt + 1), seatRetryMs);
      }
    });
  }

  private lost(message: string | undefined): void {
    this.matchId = undefined;
    this.wantsSeat = false;
    this.events.left(message);
  }
}
