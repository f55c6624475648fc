import type { MatchJoin } from "../api/gameContracts";
import type { ArenaGame } from "./arenaGame";

export interface SeatElements {
  canvas: HTMLCanvasElement;
  findMatch: HTMLButtonElement;
  leaveMatch: HTMLButtonElement;
  matchState: HTMLElement;
  ping: HTMLElement;
}

/**
 * The seat's controls and readouts: Find match / Leave, the line saying where the player is, #ping, and the seat's
 * state on #gameCanvas for tools and tests: `data-match-id`, `data-player-id`, `data-tick`, `data-server-x`/`-y`
 * (where the server last put the own player) and `data-x`/`-y` (where it is predicted), whole units.
 */
export class SeatView {
  constructor(private readonly elements: SeatElements) {}

  onFindMatch(find: () => void): void {
    this.elements.findMatch.addEventListener("click", find);
  }

  onLeaveMatch(leave: () => void): void {
    this.elements.leaveMatch.addEventListener("click", leave);
  }

  showFinding(): void {
    this.elements.findMatch.disabled = true;
    this.elements.matchState.textContent = "Finding a match…";
  }

  showJoined(join: MatchJoin): void {
    const { canvas, findMatch, leaveMatch, matchState } = this.elements;
    findMatch.disabled = true;
    leaveMatch.disabled = false;
    canvas.dataset.matchId = join.matchId;
    canvas.dataset.playerId = join.playerId;
    matchState.textContent = `In match ${join.matchId}: move with the arrows, WASD, or by dragging on the field; touch the gems.`;
  }

  showLeft(): void {
    const { canvas, findMatch, leaveMatch, matchState } = this.elements;
    findMatch.disabled = false;
    leaveMatch.disabled = true;
    for (const key of ["matchId", "playerId", "tick", "serverX", "serverY", "x", "y"]) delete canvas.dataset[key];
    matchState.textContent = "Not in a match.";
  }

  showServer(game: ArenaGame): void {
    const { dataset } = this.elements.canvas;
    dataset.tick = String(game.world.tick ?? "");
    const server = game.serverPosition;
    if (server) set(dataset, "serverX", server.x, "serverY", server.y);
  }

  showPredicted(game: ArenaGame): void {
    const at = game.prediction.position;
    set(this.elements.canvas.dataset, "x", at.x, "y", at.y);
  }

  showPing(milliseconds: number): void {
    this.elements.ping.textContent = String(milliseconds);
  }
}

function set(dataset: DOMStringMap, xKey: string, x: number, yKey: string, y: number): void {
  const [xText, yText] = [String(Math.round(x)), String(Math.round(y))];
  if (dataset[xKey] !== xText) dataset[xKey] = xText;
  if (dataset[yKey] !== yText) dataset[yKey] = yText;
}
