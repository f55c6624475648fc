import type { ChatMessage, PrivateMessage } from "../api/contracts";
import type { ChatState } from "./chatState";
import type { Conversation, PendingMessage } from "./conversation";
import { el, reconcile, type KeyedItem } from "../ui/dom";
import { fullTime, shortTime } from "../ui/format";

/** Draws the active conversation into #messages, keeping the scroll pinned to the bottom while the reader is there. */
export class MessageView {
  private shownKey: string | undefined;

  constructor(
    private readonly list: HTMLElement,
    private readonly state: ChatState,
  ) {}

  render(): void {
    const conversation = this.state.active;
    const switched = conversation?.key !== this.shownKey;
    const atBottom = this.list.scrollHeight - this.list.scrollTop - this.list.clientHeight < 48;
    this.shownKey = conversation?.key;
    // A switch replaces the whole list; announcing all of it would drown the reader.
    this.list.setAttribute("aria-busy", String(switched));
    reconcile(this.list, conversation ? this.items(conversation) : []);
    this.list.setAttribute("aria-busy", "false");
    if (switched || atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  private items(conversation: Conversation): KeyedItem[] {
    const pending = conversation.pending.map((p) => this.pendingItem(p));
    if (conversation.kind === "direct") return [...conversation.messages.map((m) => this.privateItem(m)), ...pending];
    const earlier = conversation.earlier.map((m) => this.roomItem(m));
    if (earlier.length > 0) earlier.push(divider("The server lost this room's history (a new epoch began): the messages above are kept only in this tab."));
    return [...earlier, ...conversation.messages.map((m) => this.roomItem(m)), ...pending];
  }

  private roomItem(message: ChatMessage): KeyedItem {
    return {
      key: `m:${message.id}`,
      signature: "",
      render: () => {
        const element = this.bubble(message.senderId, message.senderName, message.sentAt, message.text);
        element.dataset.sequence = String(message.sequence);
        element.dataset.epoch = message.epoch;
        return element;
      },
    };
  }

  private privateItem(message: PrivateMessage): KeyedItem {
    return {
      key: `p:${message.id}`,
      signature: "",
      render: () => {
        const element = this.bubble(message.fromUserId, message.fromName, message.sentAt, message.text);
        element.classList.add("private");
        element.dataset.messageId = message.id;
        return element;
      },
    };
  }

  private bubble(senderId: string, senderName: string, sentAt: string, text: string): HTMLElement {
    const own = this.state.isMe(senderId);
    const meta = el(
      "div",
      { className: "meta" },
      el("span", { className: "sender", text: own ? `${senderName} (you)` : senderName }),
      el("time", { text: shortTime(sentAt), attrs: { datetime: sentAt, title: fullTime(sentAt) } }),
    );
    return el(
      "li",
      { className: own ? "message own" : "message", attrs: { "data-sender": senderId } },
      meta,
      el("p", { className: "text", text }),
    );
  }

  /** Not a .message yet (no sequence): a message only counts once the server has stored it. */
  private pendingItem(pending: PendingMessage): KeyedItem {
    return {
      key: `c:${pending.clientMessageId}`,
      signature: `${pending.status}:${pending.error ?? ""}`,
      render: () => {
        const failed = pending.status === "failed";
        const note = el("span", {
          className: "note",
          text: failed ? `Not sent: ${pending.error ?? "refused"}` : "Sending…",
        });
        const meta = el("div", { className: "meta" }, el("span", { className: "sender", text: "You" }), note);
        const element = el(
          "li",
          {
            className: failed ? "pending-message failed" : "pending-message",
            attrs: { "data-client-message-id": pending.clientMessageId },
          },
          meta,
          el("p", { className: "text", text: pending.text }),
        );
        if (failed) {
          element.append(
            el(
              "div",
              { className: "actions" },
              el("button", { className: "link", text: "Retry", attrs: { type: "button", "data-action": "retry" } }),
              el("button", { className: "link", text: "Discard", attrs: { type: "button", "data-action": "discard" } }),
            ),
          );
        }
        return element;
      },
    };
  }
}

function divider(text: string): KeyedItem {
  return { key: "divider", signature: text, render: () => el("li", { className: "divider", text, attrs: { role: "separator" } }) };
}
