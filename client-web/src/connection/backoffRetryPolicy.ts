import type { IRetryPolicy, RetryContext } from "@microsoft/signalr";

export interface BackoffOptions {
  /** Delay before the second attempt; the first one is immediate. Default 1000 ms. */
  baseDelayMs: number;
  /** Growth per attempt. Default 2. */
  multiplier: number;
  /** No delay is longer than this. Default 10000 ms. */
  maxDelayMs: number;
  /** Each delay is moved by up to this fraction either way, so many clients don't retry in step. Default 0.2. */
  jitter: number;
  /** Attempts before giving up; the page then offers a Reconnect button. Default 30 (about five minutes). */
  maxAttempts: number;
}

export const defaultBackoff: BackoffOptions = {
  baseDelayMs: 1000,
  multiplier: 2,
  maxDelayMs: 10_000,
  jitter: 0.2,
  maxAttempts: 30,
};

/** What the page learns about every retry the policy schedules. */
export type RetryListener = (attempt: number, delayMs: number, reason: Error) => void;

/**
 * Exponential backoff with jitter and a cap. SignalR resets previousRetryCount after every successful
 * reconnect, so the policy itself keeps no state.
 */
export class BackoffRetryPolicy implements IRetryPolicy {
  readonly options: BackoffOptions;

  constructor(
    options: Partial<BackoffOptions> = {},
    private readonly onRetry: RetryListener = () => {},
    private readonly random: () => number = Math.random,
  ) {
    this.options = { ...defaultBackoff, ...options };
  }

  nextRetryDelayInMilliseconds(context: RetryContext): number | null {
    const attempt = context.previousRetryCount + 1;
    if (attempt > this.options.maxAttempts) {
      return null;
    }
    const delay = this.delayFor(context.previousRetryCount);
    this.onRetry(attempt, delay, context.retryReason);
    return delay;
  }

  /** The delay before attempt number retryCount + 1. */
  delayFor(retryCount: number): number {
    if (retryCount === 0) {
      return 0;
    }
    const { baseDelayMs, multiplier, maxDelayMs, jitter } = this.options;
    const exponential = Math.min(maxDelayMs, baseDelayMs * multiplier ** (retryCount - 1));
    const jittered = exponential * (1 + jitter * (2 * this.random() - 1));
    return Math.round(Math.min(maxDelayMs, Math.max(0, jittered)));
  }
}
