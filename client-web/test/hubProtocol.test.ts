import assert from "node:assert/strict";
import { test } from "node:test";
import { MessageType, NullLogger, type InvocationMessage } from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import { EXT_TIMESTAMP, ExtData, encodeTimeSpecToTimestamp } from "@msgpack/msgpack";
import { createHubProtocol, isoTime } from "../src/connection/hubProtocol";

const seconds = Date.UTC(2026, 0, 2, 3, 4, 5) / 1000;

test("a MessagePack timestamp reads as the string the JSON protocol sends for that time; names and keys pass as they are", () => {
  const sentAt = new ExtData(EXT_TIMESTAMP, encodeTimeSpecToTimestamp({ sec: seconds, nsec: 678_123_400 }));
  const frame = new MessagePackHubProtocol().writeMessage({
    type: MessageType.Invocation,
    target: "NotificationReceived",
    arguments: [{ id: "n1", data: { Invoice: 42, at: sentAt }, sentAt }],
  } as InvocationMessage);

  const [message] = createHubProtocol("messagepack").parseMessages(frame, NullLogger.instance) as InvocationMessage[];

  assert.deepEqual(message!.arguments, [
    { id: "n1", data: { Invoice: 42, at: "2026-01-02T03:04:05.6781234Z" }, sentAt: "2026-01-02T03:04:05.6781234Z" },
  ]);
});

test("times are written as .NET writes a UTC DateTime: trailing zeros of the fraction dropped", () => {
  assert.equal(isoTime(seconds, 0), "2026-01-02T03:04:05Z");
  assert.equal(isoTime(seconds, 500_000_000), "2026-01-02T03:04:05.5Z");
  assert.equal(isoTime(seconds, 120_000), "2026-01-02T03:04:05.00012Z");
  assert.equal(isoTime(0, 100), "1970-01-01T00:00:00.0000001Z");
});

test("JSON stays SignalR's JSON protocol", () => {
  assert.equal(createHubProtocol("json").name, "json");
  assert.equal(createHubProtocol("messagepack").name, "messagepack");
});
