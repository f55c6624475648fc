// The live-feed shapes of CONTRACT §9 as they arrive: camelCase over both protocols. `publishedAt` is an ISO-8601
// string on both (createHubProtocol reads MessagePack timestamps as strings); a Date, what a plain MessagePack
// decoder makes of a timestamp, is read as well.

export interface FeedUpdate {
  key: string;
  /** Any JSON value; null means the key was removed. */
  value: unknown;
  /** Counts the key's published updates (a removal included), so a jump from 5 to 9 means three were conflated away. */
  version: number;
  publishedAt: string | Date;
}

export interface FeedBatch {
  feed: string;
  /** The first item of a watch (and the first after the server lost the feed's versions): it replaces the table. */
  snapshot: boolean;
  updates: FeedUpdate[];
}

/** What `Watch(feed, keys, maxPerSecond)` is called with; null keys = every key, null rate = the server's default. */
export interface WatchRequest {
  feed: string;
  keys: string[] | null;
  maxPerSecond: number | null;
}

/** The contract's limits for a watch, checked before asking. */
export const liveLimits = {
  feedPattern: /^[A-Za-z0-9_.-]{1,64}$/,
  keyPattern: /^[A-Za-z0-9_.:-]{1,64}$/,
  maxKeysPerWatch: 500,
  minMaxPerSecond: 0.1,
  maxMaxPerSecond: 50,
} as const;
