'use strict';
// An editor on the Hocuspocus peer through that stack's own client, @hocuspocus/provider (one WebSocket per editor,
// awareness off as RealtimeHub's editors send none). The provider applies every update to its Y.Doc and sends each
// local one at once; this editor types into that doc and reads who typed each remote update from its header.
const { HocuspocusProvider } = require('@hocuspocus/provider');
const Y = require('yjs');
const WebSocket = require('ws');
const { mintToken } = require('./jwt');
const { firstStructOf } = require('./updates');
const { Typist } = require('./typist');

class HocuspocusEditor {
  static acks = false;

  /** @param {object} o { server (http://host:port), userId, signingKey, docId, onReceived(editor, client, clock), onError(why) } */
  constructor(o) {
    Object.assign(this, o);
    this.full = true;
  }

  connect() {
    this.doc = new Y.Doc();
    this.typist = new Typist(this.doc);
    this.doc.on('update', (update, origin) => {
      if (origin === null) return; // this editor's own keystroke
      const writer = firstStructOf(update);
      if (writer) this.onReceived(this, writer.client, writer.clock);
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('not synced within 30 s')), 30000);
      this.provider = new HocuspocusProvider({
        url: this.server.replace(/^http/, 'ws'), WebSocketPolyfill: WebSocket, name: this.docId, document: this.doc,
        token: mintToken(this.userId, this.signingKey), awareness: null,
        onSynced: () => { clearTimeout(timer); resolve(); },
        onAuthenticationFailed: ({ reason }) => this.onError(`authentication failed: ${reason}`),
        onDisconnect: () => { if (!this.closing) this.onError('disconnected'); },
      });
    });
  }

  /** The document is opened by connect(); nothing more to do. */
  async open() {}

  /** Types one character; the provider sends its update. Returns the keystroke's { client, clock }. */
  type() {
    return this.typist.type();
  }

  async close() {
    this.closing = true;
    this.provider.destroy();
  }
}

module.exports = { HocuspocusEditor };
