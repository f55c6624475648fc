/**
 * Which sequences of the document's current epoch this client holds: every one up to {@link contiguous}, and some
 * later ones that came early (out of order across nodes, or this client's own acknowledged pushes). A reopen names
 * {@link contiguous}, a snapshot covers it, and a gap (something later held or known, an earlier one missing) is
 * fetched by reopening once it has had a moment to fill by itself.
 */
export class SequenceTracker {
  private readonly held = new Set<number>();
  private epochValue: string | null = null;
  private contiguousValue = 0;
  private latestValue = 0;

  /** The epoch the sequences belong to; null before the first open. */
  get epoch(): string | null {
    return this.epochValue;
  }

  /** Every sequence up to this one is held. */
  get contiguous(): number {
    return this.contiguousValue;
  }

  /** Something after {@link contiguous} is held, or the server said it has more, so something before it is missing. */
  get hasGap(): boolean {
    return this.latestValue > this.contiguousValue;
  }

  /** A new epoch, or a whole state of this one: everything up to upTo (a snapshot's sequence, or 0) is held. */
  reset(epoch: string, upTo: number): void {
    this.epochValue = epoch;
    this.held.clear();
    this.contiguousValue = upTo;
    this.latestValue = upTo;
  }

  /** Records a held sequence; false when it was held already (its update need not be applied again). */
  add(sequence: number): boolean {
    if (this.has(sequence)) return false;
    this.held.add(sequence);
    this.latestValue = Math.max(this.latestValue, sequence);
    while (this.held.delete(this.contiguousValue + 1)) this.contiguousValue++;
    return true;
  }

  has(sequence: number): boolean {
    return sequence <= this.contiguousValue || this.held.has(sequence);
  }

  /** The server's newest sequence: anything up to it not held yet is a gap. */
  knowLatest(sequence: number): void {
    this.latestValue = Math.max(this.latestValue, sequence);
  }
}
