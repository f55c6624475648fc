/**
 * The server's own words for a refusal (a HubException: "invalid room", "rate limited", ...), or undefined
 * for anything else, such as the connection closing under the call, which is worth trying again.
 * SignalR words them as "An unexpected error occurred invoking 'X' on the server. HubException: <message>".
 */
export function hubErrorOf(error: unknown): string | undefined {
  const match = /HubException: (.*)$/s.exec(messageOf(error));
  return match?.[1];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
