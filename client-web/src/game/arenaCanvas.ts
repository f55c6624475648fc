import { arenaDefaults } from "../api/gameContracts";
import type { Point } from "./arenaRules";
import type { ArenaFrame } from "./arenaGame";

const field = arenaDefaults.fieldSize;

/**
 * Draws the 1000 × 1000 arena scaled to the canvas (kept square, sharp on high-density screens): a grid, the gems,
 * the players with their names, the own one highlighted. Colours come from the page's CSS variables.
 */
export class ArenaCanvas {
  private readonly context: CanvasRenderingContext2D;
  private cssSize = 0;
  private own: Point | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw on a canvas.");
    this.context = context;
  }

  /** Where the own player was last drawn, in the canvas's CSS pixels. */
  get ownOnScreen(): Point | undefined {
    return this.own;
  }

  draw(frame: ArenaFrame | undefined): void {
    const scale = this.fit();
    const c = this.context;
    const style = getComputedStyle(this.canvas);
    const color = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    c.setTransform(scale * devicePixelRatio, 0, 0, scale * devicePixelRatio, 0, 0);
    this.drawGrid(color("--line", "#ccc"), scale);
    this.own = undefined;
    if (!frame) return;
    c.fillStyle = color("--gem", "#f59f00");
    for (const gem of frame.gems) {
      const r = arenaDefaults.gemRadius;
      c.beginPath();
      c.moveTo(gem.x, gem.y - r);
      c.lineTo(gem.x + r, gem.y);
      c.lineTo(gem.x, gem.y + r);
      c.lineTo(gem.x - r, gem.y);
      c.fill();
    }
    // The own player last, on top.
    const players = [...frame.players].sort((a, b) => Number(a.own) - Number(b.own));
    for (const player of players) {
      const r = arenaDefaults.playerRadius;
      c.beginPath();
      c.arc(player.x, player.y, r, 0, 2 * Math.PI);
      c.fillStyle = player.own ? color("--accent", "#3b5bdb") : color("--other-player", "#868e96");
      c.fill();
      if (player.own) {
        c.lineWidth = 3 / scale;
        c.strokeStyle = color("--text", "#000");
        c.stroke();
        this.own = { x: player.x * scale, y: player.y * scale };
      }
      c.save();
      // Names in CSS pixels, readable at any scale.
      c.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
      c.font = "12px system-ui, sans-serif";
      c.textAlign = "center";
      c.textBaseline = "bottom";
      c.fillStyle = color("--text", "#000");
      c.fillText(player.name, player.x * scale, (player.y - r - 4) * scale);
      c.restore();
    }
  }

  /** Sizes the backing store to the canvas's CSS box; returns CSS pixels per field unit. */
  private fit(): number {
    const size = Math.max(1, Math.round(this.canvas.clientWidth));
    if (size !== this.cssSize || this.canvas.width !== Math.round(size * devicePixelRatio)) {
      this.cssSize = size;
      this.canvas.width = Math.round(size * devicePixelRatio);
      this.canvas.height = Math.round(size * devicePixelRatio);
    }
    return size / field;
  }

  private drawGrid(color: string, scale: number): void {
    const c = this.context;
    c.strokeStyle = color;
    c.lineWidth = 1 / scale;
    c.beginPath();
    for (let at = 0; at <= field; at += 100) {
      c.moveTo(at, 0);
      c.lineTo(at, field);
      c.moveTo(0, at);
      c.lineTo(field, at);
    }
    c.stroke();
  }
}
