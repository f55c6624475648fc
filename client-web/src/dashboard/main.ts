import "../style.css";
import "./dashboard.css";
import { readConfig } from "../config";
import { messageOf } from "../connection/hubErrors";
import { byId } from "../ui/dom";
import { PageShell } from "../ui/pageShell";
import { DashboardSession } from "./dashboardSession";
import { DashboardView } from "./dashboardView";
import type { WatchState } from "./feedWatch";
import { parseWatchRequest } from "./watchRequest";

const shell = new PageShell("dashboard");
const dashboardView = byId<HTMLElement>("dashboardView");
const form = byId<HTMLFormElement>("watchForm");
const feed = byId<HTMLInputElement>("feed");
const keys = byId<HTMLInputElement>("keys");
const maxPerSecond = byId<HTMLInputElement>("maxPerSecond");
const watchState = byId<HTMLElement>("watchState");
const instruments = byId<HTMLTableSectionElement>("instruments");
const view = new DashboardView({
  instruments,
  instrumentCount: byId("instrumentCount"),
  chart: byId("chart"),
  chartTitle: byId("chartTitle"),
  latency: byId("latency"),
});
const session = new DashboardSession(readConfig(), {
  statusChanged: (status) => shell.showStatus(status),
  batch: (batch) => view.apply(batch),
  stateChanged: showWatchState,
});

shell.onSignIn(
  async (name) => {
    await session.signIn(name);
    shell.showWhoami(name);
  },
  () => {
    dashboardView.hidden = false;
    startWatch();
  },
);
shell.onReconnect(() => session.reconnect());

form.addEventListener("submit", (event) => {
  event.preventDefault();
  startWatch();
});

instruments.addEventListener("click", (event) => {
  const key = (event.target as Element).closest<HTMLElement>(".instrument")?.dataset.key;
  if (key) view.select(key);
});

/** Watches what the form says, in place of the current watch; the table starts again from the new snapshot. */
function startWatch(): void {
  const request = parseWatchRequest(feed.value, keys.value, maxPerSecond.value);
  if ("error" in request) return shell.showError(request.error);
  view.clear();
  try {
    session.watch(request);
  } catch (error) {
    shell.showError(messageOf(error));
  }
}

function showWatchState(state: WatchState): void {
  watchState.dataset.kind = state.kind;
  const what = `${state.request.feed}${state.request.keys ? ` (${state.request.keys.length} keys)` : ""}`;
  if (state.kind === "starting") watchState.textContent = `Watching ${what}…`;
  else if (state.kind === "watching") watchState.textContent = `Watching ${what}`;
  else watchState.textContent = state.message;
}
