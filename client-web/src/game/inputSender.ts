import type { ArenaInput } from "../api/gameContracts";
import { clampInput } from "./arenaRules";

export interface InputSenderOptions {
  /** At most one input per this many ms (one tick: the server applies only the newest input of a tick anyway). */
  minGapMs: number;
  /** The held input is sent again when nothing was sent for this long (4 a second, far under the server's 60). */
  keepAliveMs: number;
}

export const defaultInputOptions: InputSenderOptions = { minGapMs: 50, keepAliveMs: 250 };

/**
 * Numbers the inputs and decides when to send them: a new direction at once (or, within `minGapMs` of the last send,
 * as soon as that gap has passed, the newest wanted winning), and the held one again every `keepAliveMs`, so the
 * server and the ping readout hear from the player steadily. At most 1000 / minGapMs inputs a second.
 * The page calls {@link poll} often (every frame or a short interval).
 */
export class InputSender {
  private held: ArenaInput = { dx: 0, dy: 0 };
  private wanted: ArenaInput | undefined;
  private lastSentMs = Number.NEGATIVE_INFINITY;
  private nextSequence = 1;
  private active = false;

  constructor(
    private readonly send: (sequence: number, input: ArenaInput) => void,
    private readonly options: InputSenderOptions = defaultInputOptions,
  ) {}

  /** The newest sequence handed out (0 before the first). */
  get sequence(): number {
    return this.nextSequence - 1;
  }

  /**
   * A seat: sequences go on above both this page's and the server's newest (a reloaded page starts at 1, while its
   * seat may remember more), and the held direction is sent at once: the server may hold another one for the seat.
   */
  start(serverLastSequence: number, nowMs: number): void {
    this.nextSequence = Math.max(this.nextSequence, serverLastSequence + 1);
    this.active = true;
    this.transmit(this.wanted ?? this.held, nowMs);
  }

  /** No seat, or no connection: nothing is sent until {@link start}. */
  stop(): void {
    this.active = false;
  }

  /** The player wants this direction now. */
  want(input: ArenaInput, nowMs: number): void {
    const next = clampInput(input);
    this.wanted = sameInput(next, this.held) ? undefined : next;
    this.poll(nowMs);
  }

  /** Sends what is due: a wanted direction once the gap allows, else the keep-alive. */
  poll(nowMs: number): void {
    if (!this.active) return;
    const since = nowMs - this.lastSentMs;
    if (this.wanted && since >= this.options.minGapMs) this.transmit(this.wanted, nowMs);
    else if (since >= this.options.keepAliveMs) this.transmit(this.held, nowMs);
  }

  private transmit(input: ArenaInput, nowMs: number): void {
    this.held = input;
    this.wanted = undefined;
    this.lastSentMs = nowMs;
    this.send(this.nextSequence++, input);
  }
}

export function sameInput(a: ArenaInput, b: ArenaInput): boolean {
  return a.dx === b.dx && a.dy === b.dy;
}
