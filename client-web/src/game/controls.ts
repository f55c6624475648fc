import type { ArenaInput } from "../api/gameContracts";
import type { Point } from "./arenaRules";

export interface ControlsEvents {
  /** The wanted direction changed (0, 0: stop). */
  changed(input: ArenaInput): void;
  /** Where the own player is drawn, in the canvas's CSS pixels; undefined when not in a match. */
  ownPlayerOnScreen(): Point | undefined;
}

const keyDirections: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  KeyW: [0, -1],
  ArrowDown: [0, 1],
  KeyS: [0, 1],
  ArrowLeft: [-1, 0],
  KeyA: [-1, 0],
  ArrowRight: [1, 0],
  KeyD: [1, 0],
};

/** Closer than this (CSS px) to the own player, a drag means stop. */
const deadZonePx = 12;
/** Drag directions are rounded to this many around the circle, so a wobbling finger is not a stream of new inputs. */
const directions = 16;

/**
 * The player's wish to move: arrows or WASD (field y grows downwards, as on screen), or a press or drag on the
 * canvas towards where the player should go (touch, pen or mouse); letting go stops. A press wins over keys.
 */
export class Controls {
  private readonly keys = new Set<string>();
  private pointer: { id: number; at: Point } | undefined;
  private last: ArenaInput = { dx: 0, dy: 0 };

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly events: ControlsEvents,
  ) {
    addEventListener("keydown", (event) => this.key(event, true));
    addEventListener("keyup", (event) => this.key(event, false));
    addEventListener("blur", () => {
      this.keys.clear();
      this.pointer = undefined;
      this.update();
    });
    canvas.addEventListener("pointerdown", (event) => {
      if (!event.isPrimary) return;
      canvas.setPointerCapture(event.pointerId);
      this.pointer = { id: event.pointerId, at: this.local(event) };
      this.update();
      event.preventDefault();
    });
    canvas.addEventListener("pointermove", (event) => {
      if (this.pointer?.id !== event.pointerId) return;
      this.pointer.at = this.local(event);
      this.update();
    });
    for (const end of ["pointerup", "pointercancel", "lostpointercapture"] as const) {
      canvas.addEventListener(end, (event) => {
        if (this.pointer?.id !== event.pointerId) return;
        this.pointer = undefined;
        this.update();
      });
    }
  }

  /** The player moved on screen under a held press: the direction towards the press changes with it. */
  refresh(): void {
    if (this.pointer) this.update();
  }

  private key(event: KeyboardEvent, down: boolean): void {
    const code = keyDirections[event.key] ? event.key : event.code;
    if (!keyDirections[code] || isTyping(event.target)) return;
    event.preventDefault();
    if (down) this.keys.add(code);
    else this.keys.delete(code);
    this.update();
  }

  private update(): void {
    const next = this.pointer ? this.towardsPointer(this.pointer.at) : this.fromKeys();
    if (next.dx === this.last.dx && next.dy === this.last.dy) return;
    this.last = next;
    this.events.changed(next);
  }

  private fromKeys(): ArenaInput {
    let dx = 0;
    let dy = 0;
    for (const code of this.keys) {
      dx += keyDirections[code][0];
      dy += keyDirections[code][1];
    }
    return { dx: Math.sign(dx), dy: Math.sign(dy) };
  }

  private towardsPointer(at: Point): ArenaInput {
    const own = this.events.ownPlayerOnScreen();
    if (!own) return { dx: 0, dy: 0 };
    return directionOf(at.x - own.x, at.y - own.y, deadZonePx);
  }

  private local(event: PointerEvent): Point {
    const box = this.canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }
}

/** A drag of (dx, dy) as an input: one of {@link directions} unit directions, or stop within the dead zone. */
export function directionOf(dx: number, dy: number, deadZone: number): ArenaInput {
  if (Math.hypot(dx, dy) < deadZone) return { dx: 0, dy: 0 };
  const step = (2 * Math.PI) / directions;
  const angle = Math.round(Math.atan2(dy, dx) / step) * step;
  const round = (value: number) => Math.round(value * 1000) / 1000 || 0;
  return { dx: round(Math.cos(angle)), dy: round(Math.sin(angle)) };
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || (target instanceof HTMLElement && target.isContentEditable);
}
