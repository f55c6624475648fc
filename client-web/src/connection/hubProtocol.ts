import { JsonHubProtocol, type IHubProtocol } from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import { EXT_TIMESTAMP, ExtensionCodec, decodeTimestampToTimeSpec, encodeTimestampExtension } from "@msgpack/msgpack";

/** The two hub protocols the server serves. */
export type HubProtocolName = "json" | "messagepack";

/**
 * The protocol a hub connection speaks. Whichever it is, what arrives has one shape (src/api/contracts.ts): the hub
 * names fields alike on both, and a MessagePack timestamp is read as the ISO-8601 string the JSON protocol sends for
 * the same time, instead of a Date. So every hub's code reads both protocols through one path.
 */
export function createHubProtocol(name: HubProtocolName): IHubProtocol {
  return name === "messagepack" ? new MessagePackHubProtocol({ extensionCodec: isoTimes }) : new JsonHubProtocol();
}

/**
 * A time as the server's JSON protocol writes a UTC DateTime: seconds, then the 100 ns ticks with trailing zeros
 * dropped (none when whole), then Z — e.g. 2026-01-02T03:04:05.6781234Z, 2026-01-02T03:04:05.5Z, 2026-01-02T03:04:05Z.
 */
export function isoTime(seconds: number, nanoseconds: number): string {
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  const ticks = String(Math.floor(nanoseconds / 100)).padStart(7, "0").replace(/0+$/, "");
  return `${whole}${ticks ? `.${ticks}` : ""}Z`;
}

/** MessagePack's built-in timestamp extension, read as an ISO string; Dates the page sends are still written as timestamps. */
const isoTimes = new ExtensionCodec();
isoTimes.register({
  type: EXT_TIMESTAMP,
  encode: (value: unknown) => encodeTimestampExtension(value),
  decode: (data: Uint8Array) => {
    const { sec, nsec } = decodeTimestampToTimeSpec(data);
    return isoTime(sec, nsec);
  },
});
