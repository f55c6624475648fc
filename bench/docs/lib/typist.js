'use strict';
// One editor's typing: each keystroke is one character inserted into the document's Y.Text right after the editor's
// previous one (where its caret is), whatever others inserted meanwhile; the update comes from doc.on('update').
const Y = require('yjs');

const TEXT = 'text';
const LETTERS = 'the quick brown fox jumps over the lazy dog ';

class Typist {
  constructor(doc) {
    this.doc = doc;
    this.text = doc.getText(TEXT);
    this.caret = null;
    this.typed = 0;
  }

  /** Inserts the next character at the caret; returns the keystroke's { client, clock } (its update is emitted meanwhile). */
  type() {
    const index = this.caret === null ? this.text.length
      : Y.createAbsolutePositionFromRelativePosition(this.caret, this.doc)?.index ?? this.text.length;
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.text.insert(index, LETTERS[this.typed++ % LETTERS.length]);
    // Tied to the character just typed (assoc -1), so text others insert at the same place goes after the caret.
    this.caret = Y.createRelativePositionFromTypeIndex(this.text, index + 1, -1);
    return { client: this.doc.clientID, clock };
  }
}

module.exports = { Typist, TEXT };
