import type { ChatState } from "./chatState";
import type { UserPresence } from "../api/contracts";
import { el, reconcile } from "../ui/dom";
import { typingText } from "../ui/format";

/** The conversation list (#roomList): rooms and private threads with unread counts. */
export function renderConversations(list: HTMLElement, state: ChatState): void {
  const items = [...state.conversations.values()].map((c) => {
    const active = c.key === state.activeKey;
    return {
      key: c.key,
      signature: `${active}:${c.unread}`,
      render: () => {
        const button = el(
          "button",
          { className: "conversation-item", attrs: { type: "button", "data-conversation": c.key } },
          el("span", { className: "title", text: c.title }),
        );
        if (active) button.setAttribute("aria-current", "true");
        if (c.unread > 0) {
          button.append(el("span", { className: "badge", text: String(c.unread), attrs: { "aria-label": `${c.unread} unread` } }));
        }
        return el("li", { className: c.kind }, button);
      },
    };
  });
  reconcile(list, items);
}

/** #members: the active room's members, or both sides of a private thread. Click one to write privately. */
export function renderMembers(list: HTMLElement, state: ChatState): void {
  const active = state.active;
  let members: UserPresence[] = [];
  if (active?.kind === "room") members = [...active.members.values()];
  else if (active?.kind === "direct") members = [{ userId: active.userId, name: active.name }, ...(state.me ? [state.me] : [])];
  members.sort((a, b) => a.name.localeCompare(b.name));
  reconcile(
    list,
    members.map((m) => ({
      key: m.userId,
      signature: m.name,
      render: () => {
        const me = state.isMe(m.userId);
        const button = el(
          "button",
          {
            className: "member-button",
            attrs: { type: "button", title: me ? "That's you" : `Message ${m.name} privately` },
          },
          el("span", { className: "presence", attrs: { "aria-hidden": "true" } }),
          el("span", { className: "name", text: me ? `${m.name} (you)` : m.name }),
        );
        button.disabled = me;
        return el("li", { className: me ? "member me" : "member", attrs: { "data-user-id": m.userId } }, button);
      },
    })),
  );
}

/** #typing for the active room; empty when nobody types. */
export function renderTyping(element: HTMLElement, state: ChatState): void {
  const active = state.active;
  const names = active?.kind === "room" ? [...active.typing.values()].map((t) => t.user.name) : [];
  element.textContent = typingText(names);
}
