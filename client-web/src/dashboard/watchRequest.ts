import { liveLimits, type WatchRequest } from "../api/liveContracts";

/**
 * The watch the form asks for, or what is wrong with it in the user's words. Keys are comma-separated (spaces
 * allowed, duplicates dropped); none means every key. An empty rate means the server's default.
 */
export function parseWatchRequest(feed: string, keys: string, maxPerSecond: string): WatchRequest | { error: string } {
  const name = feed.trim();
  if (!liveLimits.feedPattern.test(name)) return { error: "Feed names are 1–64 letters, digits, _ . or -" };
  const list = [...new Set(keys.split(",").map((k) => k.trim()).filter((k) => k.length > 0))];
  const bad = list.find((k) => !liveLimits.keyPattern.test(k));
  if (bad !== undefined) return { error: `"${bad}" is not a key: keys are 1–64 letters, digits, _ . : or -` };
  if (list.length > liveLimits.maxKeysPerWatch) return { error: `A watch names at most ${liveLimits.maxKeysPerWatch} keys.` };
  let rate: number | null = null;
  if (maxPerSecond.trim() !== "") {
    rate = Number(maxPerSecond);
    if (!(rate >= liveLimits.minMaxPerSecond && rate <= liveLimits.maxMaxPerSecond)) {
      return { error: `Updates per second are ${liveLimits.minMaxPerSecond}–${liveLimits.maxMaxPerSecond}.` };
    }
  }
  return { feed: name, keys: list.length > 0 ? list : null, maxPerSecond: rate };
}
