import "../style.css";
import "./game.css";
import type { MatchJoin } from "../api/gameContracts";
import { readConfig } from "../config";
import { hubErrorOf, messageOf } from "../connection/hubErrors";
import { byId } from "../ui/dom";
import { PageShell } from "../ui/pageShell";
import { ArenaCanvas } from "./arenaCanvas";
import { ArenaGame } from "./arenaGame";
import { readRules } from "./arenaRules";
import { Controls } from "./controls";
import { GameSession } from "./gameSession";
import { InputSender } from "./inputSender";
import { ScoreboardView } from "./scoreboardView";
import { SeatView } from "./seatView";

const shell = new PageShell("game");
const rules = readRules(location.search);
const gameView = byId<HTMLElement>("gameView");
const canvasElement = byId<HTMLCanvasElement>("gameCanvas");
const canvas = new ArenaCanvas(canvasElement);
const scoreboard = new ScoreboardView(byId("scoreboard"), byId("roundResult"));
const seat = new SeatView({
  canvas: canvasElement,
  findMatch: byId("findMatch"),
  leaveMatch: byId("leaveMatch"),
  matchState: byId("matchState"),
  ping: byId("ping"),
});
const now = () => performance.now();
let game: ArenaGame | undefined;

const sender = new InputSender((sequence, input) => {
  game?.sent(sequence, input, now());
  session.sendInput(sequence, input);
});
const session = new GameSession(readConfig(), {
  statusChanged: (status) => {
    shell.showStatus(status);
    if (status.state !== "connected") sender.stop();
  },
  joined,
  state: (delta) => {
    if (game?.applyState(delta, now())) seat.showServer(game);
  },
  scoreboard: (scores) => scoreboard.show(scores, game?.join.playerId ?? ""),
  roundEnded: (scores) => scoreboard.roundEnded(scores, game?.join.playerId ?? ""),
  left: (message) => {
    game = undefined;
    sender.stop();
    scoreboard.clear();
    seat.showLeft();
    if (message) shell.showError(message);
  },
  ping: (milliseconds) => seat.showPing(milliseconds),
});
const controls = new Controls(canvasElement, {
  changed: (input) => sender.want(input, now()),
  ownPlayerOnScreen: () => canvas.ownOnScreen,
});

shell.onSignIn(
  async (name) => {
    await session.signIn(name);
    shell.showWhoami(name);
  },
  () => (gameView.hidden = false),
);
shell.onReconnect(() => session.reconnect());
seat.onFindMatch(() => {
  seat.showFinding();
  session.findMatch().catch((error: unknown) => {
    seat.showLeft();
    shell.showError(hubErrorOf(error) ?? messageOf(error));
  });
});
seat.onLeaveMatch(() => void session.leaveMatch().catch((error: unknown) => shell.showError(messageOf(error))));
// Inputs wanted within the gap after the last, and the keep-alive, go out from here (also while no frame is drawn).
setInterval(() => sender.poll(now()), 25);
requestAnimationFrame(draw);

function joined(join: MatchJoin): void {
  game = new ArenaGame(join, rules, now());
  scoreboard.clear();
  seat.showJoined(join);
  seat.showServer(game);
  sender.start(join.state.lastInputSequence, now());
}

function draw(): void {
  const frame = game?.frame(now());
  canvas.draw(frame);
  if (game) seat.showPredicted(game);
  controls.refresh();
  requestAnimationFrame(draw);
}
