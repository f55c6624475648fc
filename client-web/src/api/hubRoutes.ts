/** The hubs' routes (CONTRACT §3), relative to the page's origin. */
export const hubRoutes = {
  chat: "/hubs/chat",
  live: "/hubs/live",
  docs: "/hubs/docs",
  game: "/hubs/game",
} as const;
