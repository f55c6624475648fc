import "./style.css";
import { limits } from "./api/contracts";
import { ChatSession } from "./chat/chatSession";
import { ChatState } from "./chat/chatState";
import { readConfig } from "./config";
import { messageOf } from "./connection/hubErrors";
import type { ConnectionStatus } from "./connection/connectionState";
import { MessageView } from "./ui/messageView";
import { showNotification } from "./ui/notificationView";
import { pageElements } from "./ui/pageElements";
import { renderConversations, renderMembers, renderTyping } from "./ui/sidebarView";

const page = pageElements();
const state = new ChatState();
const session = new ChatSession(state, readConfig(), showStatus, showError, (n) => showNotification(page.notifications, n));
const messageView = new MessageView(page.messages, state);
let errorTimer: ReturnType<typeof setTimeout> | undefined;

state.onChange((kind, key) => {
  if (key !== undefined && key !== state.activeKey && kind !== "conversations") return;
  if (kind === "conversations") {
    renderConversations(page.roomList, state);
    renderHeader();
    renderTitle();
  } else if (kind === "messages") {
    messageView.render();
  } else if (kind === "members") {
    renderMembers(page.members, state);
  } else if (kind === "typing") {
    renderTyping(page.typing, state);
  } else if (kind === "user" && state.me) {
    page.whoami.textContent = `Signed in as ${state.me.name}`;
    page.whoami.hidden = false;
  }
});

page.signInForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = page.userName.value.trim();
  if (!limits.namePattern.test(name)) return showError("Names are 1–32 letters, digits, _ . or -");
  page.signIn.disabled = true;
  session.signIn(name).then(
    () => {
      page.signInView.hidden = true;
      page.chatView.hidden = false;
      page.roomName.focus();
    },
    (error: unknown) => {
      page.signIn.disabled = false;
      showError(messageOf(error));
    },
  );
});

page.joinForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const name = page.roomName.value.trim();
  session.joinRoom(name).then(
    () => {
      page.roomName.value = "";
      page.messageInput.focus();
    },
    (error: unknown) => showError(messageOf(error)),
  );
});

// Enter in the single-line input submits the form: that is "send with Enter".
page.composer.addEventListener("submit", (event) => {
  event.preventDefault();
  try {
    session.send(page.messageInput.value);
    page.messageInput.value = "";
  } catch (error) {
    showError(messageOf(error));
  }
});

page.messageInput.addEventListener("input", () => session.inputChanged(page.messageInput.value.length > 0));

page.roomList.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLElement>("[data-conversation]");
  if (button?.dataset.conversation) session.activate(button.dataset.conversation);
});

page.members.addEventListener("click", (event) => {
  const member = (event.target as Element).closest<HTMLElement>(".member");
  const userId = member?.dataset.userId;
  if (userId) {
    session.openDirect({ userId, name: state.nameOf(userId) });
    page.messageInput.focus();
  }
});

page.messages.addEventListener("click", (event) => {
  const button = (event.target as Element).closest<HTMLElement>("[data-action]");
  const id = button?.closest<HTMLElement>("[data-client-message-id]")?.dataset.clientMessageId;
  const conversation = state.active;
  if (!button || !id || !conversation) return;
  if (button.dataset.action === "retry") session.retry(conversation, id);
  else session.discard(conversation, id);
});

page.leaveRoom.addEventListener("click", () => {
  const conversation = state.active;
  if (conversation) session.leave(conversation).catch((error: unknown) => showError(messageOf(error)));
});

page.reconnect.addEventListener("click", () => {
  page.reconnect.hidden = true;
  session.reconnect().catch(() => {
    // start() already put the reason in #status and shows the button again.
  });
});

page.error.addEventListener("click", () => (page.error.hidden = true));

function showStatus(status: ConnectionStatus): void {
  page.status.dataset.state = status.state;
  page.statusText.textContent = status.text;
  page.reconnect.hidden = !status.canReconnect;
}

function showError(message: string): void {
  page.error.textContent = message;
  page.error.hidden = false;
  clearTimeout(errorTimer);
  errorTimer = setTimeout(() => (page.error.hidden = true), 6000);
}

function renderHeader(): void {
  const active = state.active;
  page.conversationTitle.textContent = active?.title ?? "No room yet";
  page.leaveRoom.hidden = !active;
  page.leaveRoom.textContent = active?.kind === "direct" ? "Close" : "Leave";
  page.messageInput.disabled = !active;
  page.send.disabled = !active;
  page.messageInput.placeholder = !active
    ? "Join a room to start chatting"
    : active.kind === "room"
      ? `Message ${active.title}`
      : `Private message to ${active.name}`;
}

function renderTitle(): void {
  const unread = [...state.conversations.values()].reduce((sum, c) => sum + c.unread, 0);
  document.title = unread > 0 ? `(${unread}) RealtimeHub` : "RealtimeHub";
}
