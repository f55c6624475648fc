import { el, reconcile } from "../ui/dom";
import type { DocStateLine } from "./docState";
import type { DocUser } from "./docUsers";

export interface DocsElements {
  docState: HTMLElement;
  docUsers: HTMLElement;
  undo: HTMLButtonElement;
  redo: HTMLButtonElement;
}

/** Draws what the page shows beside the editor: the document's state line, who is in it and where, undo and redo. */
export class DocsView {
  constructor(private readonly elements: DocsElements) {}

  showState(line: DocStateLine): void {
    this.elements.docState.dataset.kind = line.kind;
    this.elements.docState.textContent = line.text;
  }

  showHistory(canUndo: boolean, canRedo: boolean): void {
    this.elements.undo.disabled = !canUndo;
    this.elements.redo.disabled = !canRedo;
  }

  /** One `.doc-user` per user with data-user-id and, when their caret is somewhere, data-block (0-based). Text only. */
  showUsers(users: readonly DocUser[]): void {
    reconcile(
      this.elements.docUsers,
      users.map((user) => ({
        key: user.id,
        signature: `${user.name}|${user.color}|${user.block ?? ""}|${user.isSelf}`,
        render: () => userItem(user),
      })),
    );
  }
}

function userItem(user: DocUser): HTMLElement {
  const swatch = el("span", { className: "doc-user-color", attrs: { "aria-hidden": "true" } });
  // CSSOM, not a style attribute: the page's Content-Security-Policy admits no inline styles.
  swatch.style.backgroundColor = user.color;
  const where = user.block === null ? "not in the text" : `block ${user.block + 1}`;
  const item = el(
    "li",
    { className: "doc-user", attrs: { "data-user-id": user.id } },
    swatch,
    el("span", { className: "doc-user-name", text: user.isSelf ? `${user.name} (you)` : user.name }),
    el("span", { className: "doc-user-where", text: where }),
  );
  if (user.block !== null) item.dataset.block = String(user.block);
  return item;
}
