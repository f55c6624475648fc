import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import StarterKit from "@tiptap/starter-kit";
import type { AwarenessUser } from "./docUsers";
import type { SignalRYjsProvider } from "./signalrYjsProvider";

/** The Yjs fragment the editor is bound to (Collaboration's default); #docUsers reads carets in it. */
export const editorField = "default";

/**
 * Tiptap on a provider's Y.Doc: StarterKit without its own history, Collaboration (the y-tiptap binding, whose
 * Y.UndoManager tracks only this editor's own transactions, so undo never takes back another user's text) and
 * CollaborationCaret (others' carets and selections with their names and colours, through the provider's awareness).
 */
export class DocEditor {
  readonly editor: Editor;

  constructor(mount: HTMLElement, provider: SignalRYjsProvider, user: AwarenessUser, onChange: () => void) {
    this.editor = new Editor({
      element: mount,
      // The page's Content-Security-Policy admits no inline <style>: the editor's rules are in docs.css.
      injectCSS: false,
      editable: false,
      extensions: [
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: provider.doc, field: editorField }),
        CollaborationCaret.configure({ provider, user }),
      ],
      editorProps: { attributes: { "aria-label": "Document text", spellcheck: "true" } },
    });
    this.editor.on("transaction", onChange);
  }

  get canUndo(): boolean {
    return this.editor.can().undo();
  }

  get canRedo(): boolean {
    return this.editor.can().redo();
  }

  /** Takes back this user's last change (and only this user's), then gives the text the focus again. */
  undo(): void {
    this.editor.commands.undo();
    this.editor.commands.focus();
  }

  redo(): void {
    this.editor.commands.redo();
    this.editor.commands.focus();
  }

  setEditable(editable: boolean): void {
    if (this.editor.isEditable !== editable) this.editor.setEditable(editable);
  }

  destroy(): void {
    this.editor.destroy();
  }
}
