/**
 * Turns what the hub sends over MessagePack into the shapes it sends over JSON (src/api/contracts.ts).
 * The server's MessagePack protocol names fields as the C# records do (`SenderId`, not `senderId`), and its
 * times arrive as msgpack timestamps, which the decoder turns into Date objects; JSON has camelCase and ISO strings.
 */
/**
 * A notification over MessagePack: its own fields shaped as above, its `data` left exactly as the service sent it
 * (a service's keys are its own, so they keep their case), apart from timestamps becoming ISO strings.
 */
export function notificationFromMessagePack(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const { Data: data, ...envelope } = value as Record<string, unknown>;
  return { ...(fromMessagePack(envelope) as Record<string, unknown>), data: withIsoTimes(data) };
}

function withIsoTimes(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(withIsoTimes);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, withIsoTimes(field)]));
  }
  return value;
}

export function fromMessagePack(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(fromMessagePack);
  if (value !== null && typeof value === "object") {
    const shaped: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      shaped[key.charAt(0).toLowerCase() + key.slice(1)] = fromMessagePack(field);
    }
    return shaped;
  }
  return value;
}
