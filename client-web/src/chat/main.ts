import "../style.css";
import { readConfig } from "../config";
import { messageOf } from "../connection/hubErrors";
import { showNotification } from "../ui/notificationView";
import { PageShell } from "../ui/pageShell";
import { ChatSession } from "./chatSession";
import { ChatState } from "./chatState";
import { MessageView } from "./messageView";
import { pageElements } from "./pageElements";
import { renderConversations, renderMembers, renderTyping } from "./sidebarView";

const shell = new PageShell("");
const page = pageElements();
const state = new ChatState();
const showError = (message: string): void => shell.showError(message);
const session = new ChatSession(
  state,
  readConfig(),
  (status) => shell.showStatus(status),
  showError,
  (n) => showNotification(page.notifications, n),
);
const messageView = new MessageView(page.messages, state);

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
    shell.showWhoami(state.me.name);
  }
});

shell.onSignIn(
  (name) => session.signIn(name),
  () => {
    page.chatView.hidden = false;
    page.roomName.focus();
  },
);
shell.onReconnect(() => session.reconnect());

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
