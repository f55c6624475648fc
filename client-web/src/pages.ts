/**
 * Every page of the app, in the order of the navigation bar. vite.config.ts builds one entry per page from this
 * list, and Hub.Server serves `<folder>/index.html` at `/<folder>`, so a new page is one entry here plus its folder
 * (`<folder>/index.html` and `src/<folder>/main.ts`).
 */
export interface PageInfo {
  /** The page's folder; empty for the chat page at the root. */
  folder: string;
  /** Its name in the navigation bar. */
  title: string;
}

export const pages: readonly PageInfo[] = [
  { folder: "", title: "Chat" },
  { folder: "dashboard", title: "Dashboard" },
  { folder: "docs", title: "Docs" },
  { folder: "game", title: "Game" },
];

/** The URL path a page is served at: `/` or `/dashboard`. */
export function pagePath(page: PageInfo): string {
  return `/${page.folder}`;
}

/** The HTML file Vite builds for a page, relative to client-web. */
export function pageHtml(page: PageInfo): string {
  return page.folder ? `${page.folder}/index.html` : "index.html";
}
