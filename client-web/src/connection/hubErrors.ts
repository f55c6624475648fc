/**
 * The server's own words for a refusal (a HubException: "invalid room", "rate limited", ...), or undefined
 * for anything else, such as the connection closing under the call, which is worth trying again.
 * SignalR words them as "An unexpected error occurred invoking 'X' on the server. HubException: <message>".
 */
export function hubErrorOf(error: unknown): string | undefined {
  const match = /HubException: (.*)$/s.exec(messageOf(error));
  return match?.[1];
}

/** The room is private and this user is not one of its members (CONTRACT §4). */
export function isForbiddenRoom(error: unknown): boolean {
  return (hubErrorOf(error) ?? messageOf(error)).startsWith("forbidden room");
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
