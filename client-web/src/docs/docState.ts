import type { ProviderStatus } from "./signalrYjsProvider";

/** The line under the form: #docState's text and its data-kind. */
export interface DocStateLine {
  kind: "opening" | "saved" | "saving" | "readonly" | "offline" | "retrying" | "forbidden" | "removed" | "refused" | "closed";
  text: string;
}

/** What to tell the user about the open document, from its provider's status and how many edits are not stored yet. */
export function docStateLine(docId: string, status: ProviderStatus, unsent: number): DocStateLine {
  const name = `“${docId}”`;
  switch (status.kind) {
    case "opening":
      return { kind: "opening", text: `Opening ${name}…` };
    case "open":
      if (!status.canWrite) return { kind: "readonly", text: `Read only: you may read ${name} but not change it.` };
      return unsent > 0 ? { kind: "saving", text: "Saving…" } : { kind: "saved", text: "All changes saved" };
    case "offline":
      return {
        kind: "offline",
        text:
          unsent > 0
            ? `Offline: your ${unsent === 1 ? "change is" : "changes are"} kept here and sent when the connection is back.`
            : "Offline: you can keep writing; changes are sent when the connection is back.",
      };
    case "retrying":
      return { kind: "retrying", text: `Saving is delayed (${status.message}); trying again…` };
    case "stopped":
      if (status.reason === "forbidden") {
        return { kind: "forbidden", text: `${name} is a private document: only its members can open it.` };
      }
      if (status.reason === "removed") {
        return { kind: "removed", text: `You no longer have access to ${name} (access revoked or document deleted). Nothing more is saved.` };
      }
      if (status.reason === "invalid") return { kind: "refused", text: `The server refused ${name}: ${status.message}` };
      return { kind: "closed", text: `${name} is closed.` };
  }
}
