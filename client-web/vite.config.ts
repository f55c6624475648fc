import { resolve } from "node:path";
import { defineConfig } from "vite";
import { expandShell } from "./pageShell.ts";
import { pageHtml, pages } from "./src/pages.ts";

// The pages are served by Hub.Server from its wwwroot, so the build goes straight there: index.html at `/`,
// <folder>/index.html at `/<folder>`, scripts and styles shared by the pages in assets/.
// `npm run dev` proxies the hubs and the token endpoint to a node on :5080.
const server = process.env.HUB_URL ?? "http://127.0.0.1:5080";

export default defineConfig({
  plugins: [
    {
      name: "realtimehub-page-shell",
      transformIndexHtml: { order: "pre", handler: (html, context) => expandShell(html, context.filename) },
    },
  ],
  build: {
    outDir: "../Hub.Server/wwwroot",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    // The /docs page's editor (Tiptap, ProseMirror, Yjs) is one ~520 KB chunk (165 KB gzipped) that only /docs loads.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((page) => [page.folder || "chat", resolve(import.meta.dirname, pageHtml(page))])),
      // What two or more pages import (SignalR, the connection, sign-in, style.css) is one "shared" chunk they all cache.
      output: { codeSplitting: { groups: [{ name: "shared", minShareCount: 2 }] } },
    },
  },
  server: {
    proxy: {
      "/auth": server,
      "/hubs": { target: server, ws: true },
    },
  },
});
