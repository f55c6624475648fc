import { defineConfig } from "vite";

// The page is served by Hub.Server from its wwwroot, so the build goes straight there.
// `npm run dev` proxies the hub and the token endpoint to a node on :5080.
const server = process.env.HUB_URL ?? "http://127.0.0.1:5080";

export default defineConfig({
  build: {
    outDir: "../Hub.Server/wwwroot",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
  },
  server: {
    proxy: {
      "/auth": server,
      "/hubs": { target: server, ws: true },
    },
  },
});
