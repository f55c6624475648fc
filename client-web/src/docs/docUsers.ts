import * as Y from "yjs";

/** What the page puts in awareness as `user` (CollaborationCaret shows name and colour beside the caret). */
export interface AwarenessUser {
  id: string;
  name: string;
  /** #rrggbb: CollaborationCaret draws nothing for any other form. */
  color: string;
}

/** One line of #docUsers. */
export interface DocUser extends AwarenessUser {
  isSelf: boolean;
  /** The top-level block the user's caret is in, or null when it is nowhere (never placed, or no block). */
  block: number | null;
}

/** The part of a y-protocols Awareness read here. */
export interface AwarenessView {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  meta: Map<number, { lastUpdated: number }>;
}

interface Selection {
  anchor: unknown;
  head: unknown;
}

/**
 * The users in the document from awareness, one per user id however many tabs it has open (the most recently
 * active tab's caret counts), the local user first, then by name.
 * field: the Collaboration extension's Yjs fragment name (`default`), under which the caret plugin keeps the last
 * selection once the editor loses focus, so a user who clicked a button away from the text still has a block.
 */
export function docUsersOf(awareness: AwarenessView, doc: Y.Doc, fragment: Y.XmlFragment, field = "default"): DocUser[] {
  const newest = new Map<string, { user: AwarenessUser; selection: Selection | null; at: number; isSelf: boolean }>();
  for (const [clientId, state] of awareness.getStates()) {
    const user = userOf(state.user);
    if (!user) continue;
    const isSelf = clientId === awareness.clientID;
    const at = isSelf ? Number.POSITIVE_INFINITY : (awareness.meta.get(clientId)?.lastUpdated ?? 0);
    const known = newest.get(user.id);
    if (known && known.at >= at) continue;
    newest.set(user.id, { user, selection: selectionOf(state, field), at, isSelf });
  }
  return [...newest.values()]
    .map(({ user, selection, isSelf }) => ({ ...user, isSelf, block: blockIndexOf(doc, fragment, selection?.head) }))
    .sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The index of the top-level node of fragment (a paragraph, a heading, a whole list) that a Yjs relative position,
 * as y-tiptap's caret plugin publishes it, points into; null when it points nowhere in this fragment. The same
 * number ProseMirror's `doc.resolve(pos).index(0)` gives, read from Yjs alone, so it needs no editor.
 */
export function blockIndexOf(doc: Y.Doc, fragment: Y.XmlFragment, relative: unknown): number | null {
  if (relative === null || typeof relative !== "object" || fragment.length === 0) return null;
  let position: Y.AbsolutePosition | null;
  try {
    position = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(relative), doc);
  } catch {
    return null;
  }
  if (!position) return null;
  let type: Y.AbstractType<unknown> = position.type;
  let index = position.index;
  while (type !== fragment) {
    const item = type._item;
    if (item === null) return null;
    index = indexInParent(item);
    type = item.parent as Y.AbstractType<unknown>;
  }
  return Math.min(index, fragment.length - 1);
}

/** A colour per user id, the same on every screen, from a palette that reads on light and dark backgrounds. */
export function colorOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length];
}

const palette = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#008080", "#f032e6", "#9a6324", "#800000", "#1f77b4"];

function indexInParent(item: Y.Item): number {
  let index = 0;
  for (let left = item.left; left !== null; left = left.left) {
    if (!left.deleted && left.countable) index += left.length;
  }
  return index;
}

function userOf(value: unknown): AwarenessUser | null {
  if (value === null || typeof value !== "object") return null;
  const { id, name, color } = value as Record<string, unknown>;
  return typeof id === "string" && typeof name === "string" && typeof color === "string" ? { id, name, color } : null;
}

/** The focused caret, else the last selection the caret plugin kept for this fragment. */
function selectionOf(state: Record<string, unknown>, field: string): Selection | null {
  const cursor = state.cursor as Selection | null | undefined;
  if (cursor) return cursor;
  const last = (state.lastSelection as Record<string, Selection | undefined> | undefined)?.[field];
  return last ?? null;
}
