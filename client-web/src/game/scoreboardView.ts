import type { Score } from "../api/gameContracts";
import { el, reconcile } from "../ui/dom";

/** How long a round's result stays up. */
const resultShownMs = 4000;

/**
 * #scoreboard: one row per seated player, best first, each with its name and a `.score` (`data-player-id`, the score
 * as its text); the own row is marked. At a round's end its result shows for a few seconds and the scores go to 0.
 */
export class ScoreboardView {
  private resultTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly result: HTMLElement,
  ) {}

  show(scores: readonly Score[], ownId: string): void {
    const sorted = [...scores].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    reconcile(
      this.list,
      sorted.map((s) => ({
        key: s.playerId,
        signature: `${s.name}\u0000${s.score}\u0000${s.playerId === ownId}`,
        render: () =>
          el(
            "li",
            { className: s.playerId === ownId ? "score-entry own" : "score-entry" },
            el("span", { className: "score-name", text: s.name }),
            el("span", { className: "score", text: String(s.score), attrs: { "data-player-id": s.playerId } }),
          ),
      })),
    );
  }

  /** A round ended with these final scores. */
  roundEnded(scores: readonly Score[], ownId: string): void {
    this.result.textContent = roundResultText(scores, ownId);
    this.result.hidden = false;
    clearTimeout(this.resultTimer);
    this.resultTimer = setTimeout(() => (this.result.hidden = true), resultShownMs);
    this.show(scores.map((s) => ({ ...s, score: 0 })), ownId);
  }

  clear(): void {
    this.list.replaceChildren();
    this.result.hidden = true;
  }
}

/** "Round over: alice wins with 5 (you: 3)", ties named together. */
export function roundResultText(scores: readonly Score[], ownId: string): string {
  const best = Math.max(0, ...scores.map((s) => s.score));
  if (best === 0) return "Round over: no gems were collected.";
  const winners = scores.filter((s) => s.score === best);
  const names = winners.map((s) => s.name);
  const own = scores.find((s) => s.playerId === ownId);
  const wins = names.length === 1 ? `${names[0]} wins` : `${names.join(" and ")} tie`;
  return `Round over: ${wins} with ${best}${own && !winners.includes(own) ? ` (you: ${own.score})` : ""}.`;
}
