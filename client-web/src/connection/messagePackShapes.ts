/**
 * Turns what the hub sends over MessagePack into the shapes it sends over JSON (src/api/contracts.ts).
 * The server's MessagePack protocol names fields as the C# records do (`SenderId`, not `senderId`), and its
 * times arrive as msgpack timestamps, which the decoder turns into Date objects; JSON has camelCase and ISO strings.
 */
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
