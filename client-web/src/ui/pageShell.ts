import { limits } from "../api/contracts";
import { messageOf } from "../connection/hubErrors";
import type { ConnectionStatus } from "../connection/connectionState";
import { pagePath, pages } from "../pages";
import { el } from "./dom";
import { shellElements } from "./shellElements";

/** The signed-in name, offered again on the other pages of this tab. */
const userNameKey = "realtimehub.userName";

/** How long an error stays up unless clicked away. */
const errorShownMs = 6000;

/**
 * What every page shares around its own view: the navigation between pages, #status with the Reconnect button,
 * the sign-in form (a dev token per name, src/api/tokenProvider.ts) and the error toast. Text only, never markup.
 */
export class PageShell {
  readonly elements = shellElements();
  private errorTimer: ReturnType<typeof setTimeout> | undefined;

  /** folder: this page's entry in src/pages.ts ("" for the chat page). */
  constructor(folder: string) {
    this.renderNavigation(folder);
    this.elements.error.addEventListener("click", () => (this.elements.error.hidden = true));
    this.elements.userName.value ||= sessionStorage.getItem(userNameKey) ?? "";
  }

  /**
   * Wires the sign-in form: the name is checked here first, then signIn connects. On success the card goes and
   * signedIn shows the page; on failure the reason shows and the button works again.
   */
  onSignIn(signIn: (userName: string) => Promise<void>, signedIn: () => void): void {
    const { signInForm, userName, signIn: button, signInView } = this.elements;
    signInForm.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = userName.value.trim();
      if (!limits.namePattern.test(name)) return this.showError("Names are 1–32 letters, digits, _ . or -");
      button.disabled = true;
      signIn(name).then(
        () => {
          sessionStorage.setItem(userNameKey, name);
          signInView.hidden = true;
          signedIn();
        },
        (error: unknown) => {
          button.disabled = false;
          this.showError(messageOf(error));
        },
      );
    });
  }

  /** The Reconnect button, shown once retrying has given up. */
  onReconnect(reconnect: () => Promise<void>): void {
    this.elements.reconnect.addEventListener("click", () => {
      this.elements.reconnect.hidden = true;
      reconnect().catch(() => {
        // start() already put the reason in #status and shows the button again.
      });
    });
  }

  showStatus(status: ConnectionStatus): void {
    this.elements.status.dataset.state = status.state;
    this.elements.statusText.textContent = status.text;
    this.elements.reconnect.hidden = !status.canReconnect;
  }

  showWhoami(name: string): void {
    this.elements.whoami.textContent = `Signed in as ${name}`;
    this.elements.whoami.hidden = false;
  }

  showError(message: string): void {
    this.elements.error.textContent = message;
    this.elements.error.hidden = false;
    clearTimeout(this.errorTimer);
    this.errorTimer = setTimeout(() => (this.elements.error.hidden = true), errorShownMs);
  }

  /** Links to every page; they keep this page's switches (?protocol=, ?transport=, …). */
  private renderNavigation(folder: string): void {
    const links = pages.map((page) => {
      const link = el("a", { text: page.title, attrs: { href: pagePath(page) + location.search } });
      if (page.folder === folder) link.setAttribute("aria-current", "page");
      return link;
    });
    this.elements.pages.replaceChildren(...links);
  }
}
