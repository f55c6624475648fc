import "../style.css";
import "./docs.css";
import { docsLimits } from "../api/docsContracts";
import { readConfig } from "../config";
import { messageOf } from "../connection/hubErrors";
import { byId } from "../ui/dom";
import { PageShell } from "../ui/pageShell";
import { DocEditor, editorField } from "./docEditor";
import { DocsSession } from "./docsSession";
import { docStateLine } from "./docState";
import { DocsView } from "./docsView";
import { colorOf, docUsersOf } from "./docUsers";
import type { ProviderStatus, SignalRYjsProvider } from "./signalrYjsProvider";

const shell = new PageShell("docs");
const docsView = byId<HTMLElement>("docsView");
const form = byId<HTMLFormElement>("docForm");
const docName = byId<HTMLInputElement>("docName");
const editorMount = byId<HTMLElement>("editor");
const undo = byId<HTMLButtonElement>("undo");
const redo = byId<HTMLButtonElement>("redo");
const view = new DocsView({ docState: byId("docState"), docUsers: byId("docUsers"), undo, redo });
const session = new DocsSession(readConfig(), { statusChanged: (status) => shell.showStatus(status) });
let editor: DocEditor | undefined;
let usersFrame = 0;

docName.value = new URLSearchParams(location.search).get("doc") ?? docName.value;

shell.onSignIn(
  async (name) => {
    await session.signIn(name);
    shell.showWhoami(name);
  },
  () => {
    docsView.hidden = false;
    openDocument(docName.value.trim());
  },
);
shell.onReconnect(() => session.reconnect());

form.addEventListener("submit", (event) => {
  event.preventDefault();
  openDocument(docName.value.trim());
});
undo.addEventListener("click", () => editor?.undo());
redo.addEventListener("click", () => editor?.redo());
// Leaving says goodbye at once; if the page goes before it is sent, the server removes the caret on disconnect.
addEventListener("pagehide", () => void session.close());

/** Opens the document in place of the current one, with a fresh editor bound to it, and names it in the address. */
function openDocument(docId: string): void {
  if (!docsLimits.docIdPattern.test(docId)) return shell.showError("Document names are 1–64 letters, digits, _ . or -");
  editor?.destroy();
  editorMount.replaceChildren();
  let provider: SignalRYjsProvider;
  try {
    provider = session.open(docId);
  } catch (error) {
    return shell.showError(messageOf(error));
  }
  const user = { id: session.userId, name: session.userId, color: colorOf(session.userId) };
  const current = new DocEditor(editorMount, provider, user, () => showHistory(current));
  editor = current;
  const fragment = provider.doc.getXmlFragment(editorField);
  const showUsers = () => {
    cancelAnimationFrame(usersFrame);
    usersFrame = requestAnimationFrame(() => view.showUsers(docUsersOf(provider.awareness, provider.doc, fragment, editorField)));
  };
  let status: ProviderStatus = { kind: "opening" };
  let canWrite = false;
  const showState = () => view.showState(docStateLine(docId, status, provider.unsentCount));
  provider.on("status", (next) => {
    // A document left for another says goodbye after its editor is gone.
    if (current !== editor) return;
    status = next;
    if (next.kind === "open") canWrite = next.canWrite;
    // Offline the text stays editable (the edits are kept and sent later); refused or removed, it is read only.
    current.setEditable(next.kind !== "stopped" && canWrite);
    showState();
    if (next.kind === "stopped") showUsers();
  });
  provider.on("unsent", showState);
  provider.on("warning", (message) => shell.showError(message));
  provider.awareness.on("change", showUsers);
  provider.doc.on("update", showUsers);
  showState();
  provider.connect();
  showUsers();
  const url = new URL(location.href);
  url.searchParams.set("doc", docId);
  history.replaceState(null, "", url);
}

function showHistory(current: DocEditor): void {
  if (current === editor) view.showHistory(current.canUndo, current.canRedo);
}
