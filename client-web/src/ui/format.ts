const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });

/** "14:05" for the message list; the full date goes in the tooltip. */
export function shortTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

export function fullTime(iso: string): string {
  return dateTimeFormat.format(new Date(iso));
}

/** "alice is typing…", "alice and bob are typing…", "4 people are typing…". */
export function typingText(names: readonly string[]): string {
  if (names.length === 0) return "";
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** What a user reads when a room refuses them (`forbidden room`). */
export function privateRoomText(room: string): string {
  return `#${room} is a private room: only its members can join it.`;
}

/** What a user reads when the server took them out of a private room. */
export function removedFromRoomText(room: string): string {
  return `You were removed from #${room}: it is private and you are no longer one of its members.`;
}
