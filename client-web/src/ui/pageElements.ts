import { byId } from "./dom";

/** Every element main.ts wires, looked up once. The ids are the public ones of CONTRACT §7. */
export function pageElements() {
  return {
    status: byId<HTMLElement>("status"),
    statusText: byId<HTMLElement>("statusText"),
    reconnect: byId<HTMLButtonElement>("reconnect"),
    whoami: byId<HTMLElement>("whoami"),
    signInView: byId<HTMLElement>("signInView"),
    signInForm: byId<HTMLFormElement>("signInForm"),
    userName: byId<HTMLInputElement>("userName"),
    signIn: byId<HTMLButtonElement>("signIn"),
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
    error: byId<HTMLElement>("error"),
  };
}

export type PageElements = ReturnType<typeof pageElements>;
