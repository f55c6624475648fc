import { byId } from "./dom";

/** The elements every page has (the header, the sign-in card, the error toast), looked up once. */
export function shellElements() {
  return {
    pages: byId<HTMLElement>("pages"),
    status: byId<HTMLElement>("status"),
    statusText: byId<HTMLElement>("statusText"),
    reconnect: byId<HTMLButtonElement>("reconnect"),
    whoami: byId<HTMLElement>("whoami"),
    signInView: byId<HTMLElement>("signInView"),
    signInForm: byId<HTMLFormElement>("signInForm"),
    userName: byId<HTMLInputElement>("userName"),
    signIn: byId<HTMLButtonElement>("signIn"),
    error: byId<HTMLElement>("error"),
  };
}

export type ShellElements = ReturnType<typeof shellElements>;
