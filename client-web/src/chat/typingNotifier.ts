/**
 * Turns keystrokes into few SetTyping calls: "typing" at most once per resendMs while keys keep coming
 * (the other side's indicator expires by itself, so it needs a refresh), and "stopped" after idleMs
 * without a key, on send, or on switching rooms.
 */
export class TypingNotifier {
  private room: string | undefined;
  private lastSent = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (room: string, isTyping: boolean) => void,
    private readonly resendMs = 2500,
    private readonly idleMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  input(room: string): void {
    if (this.room !== room) this.stop();
    if (this.room !== room || this.now() - this.lastSent >= this.resendMs) {
      this.room = room;
      this.lastSent = this.now();
      this.send(room, true);
    }
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.idleMs);
  }

  stop(): void {
    clearTimeout(this.idleTimer);
    if (this.room === undefined) return;
    const room = this.room;
    this.room = undefined;
    this.send(room, false);
  }
}
