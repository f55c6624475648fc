import { byId } from "../ui/dom";

/** The chat view's elements, looked up once (the header and sign-in are PageShell's). The ids are the public ones of CONTRACT §7. */
export function pageElements() {
  return {
    chatView: byId<HTMLElement>("chatView"),
    joinForm: byId<HTMLFormElement>("joinForm"),
    roomName: byId<HTMLInputElement>("roomName"),
    joinRoom: byId<HTMLButtonElement>("joinRoom"),
    roomList: byId<HTMLElement>("roomList"),
    conversationTitle: byId<HTMLElement>("conversationTitle"),
    leaveRoom: byId<HTMLButtonElement>("leaveRoom"),
    messages: byId<HTMLElement>("messages"),
    typing: byId<HTMLElement>("typing"),
    composer: byId<HTMLFormElement>("composer"),
    messageInput: byId<HTMLInputElement>("messageInput"),
    send: byId<HTMLButtonElement>("send"),
    members: byId<HTMLElement>("members"),
    notifications: byId<HTMLElement>("notifications"),
  };
}

export type PageElements = ReturnType<typeof pageElements>;
