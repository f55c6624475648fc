/**
 * The markup every page shares, written once: each page's HTML holds `<!-- page-head -->` in its head and
 * `<!-- page-shell: Sign-in title -->` first in its body, and vite.config.ts expands them (before Vite reads the
 * pages, so the dev server and the build see the same HTML) into the meta tags, the top bar (navigation, #status,
 * Reconnect, who is signed in), the sign-in card with that title, and the error toast that src/ui/pageShell.ts drives.
 */
const head = `<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <link rel="icon" href="data:," />`;

const shell = (signInTitle: string) => `<header class="topbar">
      <h1 class="brand">RealtimeHub</h1>
      <nav id="pages" class="pages" aria-label="Pages"></nav>
      <p id="status" class="status" data-state="disconnected" role="status" aria-live="polite">
        <span class="status-dot" aria-hidden="true"></span>
        <span id="statusText">Not signed in</span>
      </p>
      <button id="reconnect" type="button" class="secondary" hidden>Reconnect</button>
      <p id="whoami" class="whoami" hidden></p>
    </header>

    <section id="signInView" class="sign-in" aria-labelledby="signInTitle">
      <form id="signInForm" class="card" novalidate>
        <h2 id="signInTitle">${escapeText(signInTitle)}</h2>
        <label for="userName">Your name</label>
        <input id="userName" name="userName" autocomplete="username" maxlength="32" required
               pattern="[A-Za-z0-9_.\\-]{1,32}" placeholder="e.g. alice" />
        <p class="hint">1–32 letters, digits, <code>_</code>, <code>.</code> or <code>-</code></p>
        <button id="signIn" type="submit">Sign in</button>
      </form>
    </section>

    <p id="error" class="error" role="alert" hidden></p>`;

/** The page with its markers expanded; a page missing one fails the build rather than shipping without its shell. */
export function expandShell(html: string, file: string): string {
  const headMarker = "<!-- page-head -->";
  const shellMarker = /<!-- page-shell: (.+?) -->/;
  const title = shellMarker.exec(html)?.[1];
  if (!html.includes(headMarker) || title === undefined) {
    throw new Error(`${file}: a page needs ${headMarker} in its head and <!-- page-shell: Sign-in title --> in its body`);
  }

  return html.replace(headMarker, head).replace(shellMarker, shell(title.trim()));
}

function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
