'use strict';
// An editor on RealtimeHub's /hubs/docs through the web page's own client library, @microsoft/signalr (JSON protocol:
// byte arrays travel as base64). It pushes each keystroke's update with PushUpdate (a clientUpdateId each, as the page's
// provider sends), reads who typed each relayed update from its header, and either applies every update to its Y.Doc
// (`full`: what a provider does) or only measures. Section 10 of the contract: OpenDocument, DocumentUpdated,
// SnapshotRequested, SubmitSnapshot.
const signalR = require('@microsoft/signalr');
const WebSocket = require('ws');
const Y = require('yjs');
const { mintToken } = require('./jwt');
const { firstStructOfBase64, SequenceWatermark } = require('./updates');
const { Typist } = require('./typist');

const RECORD_SEPARATOR = 0x1e;
const LIVE_UPDATE = Buffer.from('{"type":1,"target":"DocumentUpdated"');

/**
 * ws that remembers its socket, so the bytes a connection read (frame headers and HTTP upgrade included) can be told,
 * and counts the bytes of the DocumentUpdated records it received (a frame may hold several records, each ending in 0x1e).
 */
function countingWebSocket(holder) {
  holder.liveBytes = 0;
  return class CountingWebSocket extends WebSocket {
    constructor(...args) {
      super(...args);
      holder.ws = this;
      this.on('message', (data) => { holder.liveBytes += liveUpdateBytes(Buffer.isBuffer(data) ? data : Buffer.from(data)); });
    }
  };
}

/** The bytes of the DocumentUpdated records (separator included) in one SignalR JSON frame. */
function liveUpdateBytes(frame) {
  let bytes = 0;
  for (let start = 0; start < frame.length;) {
    let end = frame.indexOf(RECORD_SEPARATOR, start);
    if (end < 0) end = frame.length - 1;
    if (frame.compare(LIVE_UPDATE, 0, LIVE_UPDATE.length, start, Math.min(start + LIVE_UPDATE.length, frame.length)) === 0) bytes += end + 1 - start;
    start = end + 1;
  }
  return bytes;
}

class RealtimeHubEditor {
  /** PushUpdate answers with an ack (Hocuspocus's protocol has none). */
  static acks = true;

  /**
   * @param {object} o { server, userId, signingKey, docId, full, onReceived(editor, client, clock), onSnapshotRequested(editor, upTo), onError(why) }
   */
  constructor(o) {
    Object.assign(this, o);
    this.doc = new Y.Doc();
    this.typist = new Typist(this.doc);
    this.watermark = new SequenceWatermark();
    this.epoch = null;
    this.pushes = this.acked = 0;
    this.holder = {};
    this.connection = null;
    this.pending = null; // the update of the keystroke being typed, from doc.on('update')
    this.doc.on('update', (update, origin) => {
      if (origin === null) this.pending = update;
    });
  }

  /** Socket bytes this connection has read so far (null before it opened). */
  get bytesRead() {
    return this.holder.ws?._socket?.bytesRead ?? null;
  }

  /** Bytes of the DocumentUpdated records this connection has received: live traffic, not catch-up. */
  get liveBytes() {
    return this.holder.liveBytes ?? 0;
  }

  async connect() {
    const token = mintToken(this.userId, this.signingKey);
    this.holder = {};
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(`${this.server}/hubs/docs`, {
        transport: signalR.HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: () => token,
        WebSocket: countingWebSocket(this.holder),
      })
      .configureLogging(signalR.LogLevel.None)
      .build();
    this.connection.serverTimeoutInMilliseconds = 60000;
    this.connection.on('DocumentUpdated', (docId, update) => this.received(update));
    this.connection.on('SnapshotRequested', (docId, upTo) => this.onSnapshotRequested(this, upTo));
    this.connection.on('AwarenessChanged', () => {});
    this.connection.on('RemovedFromDocument', () => this.onError('removed from the document'));
    this.connection.onclose((err) => { if (!this.closing) this.onError(`connection closed: ${err?.message ?? 'no reason'}`); });
    this.closing = false;
    await this.connection.start();
  }

  /** Opens the document (first open, or with what this editor holds); returns the DocumentState. */
  async open(knownEpoch = null, knownSequence = 0) {
    const state = await this.connection.invoke('OpenDocument', this.docId, knownEpoch, knownSequence);
    this.epoch = state.epoch;
    if (this.full) {
      Y.transact(this.doc, () => {
        if (state.snapshot) Y.applyUpdate(this.doc, Buffer.from(state.snapshot, 'base64'), 'server');
        for (const u of state.updates) Y.applyUpdate(this.doc, Buffer.from(u.update, 'base64'), 'server');
      }, 'server');
    }
    if (state.snapshot) this.watermark.advanceTo(state.snapshotSequence);
    for (const u of state.updates) this.watermark.add(u.sequence);
    return state;
  }

  /** Types one character and pushes its update. Returns the keystroke's { client, clock }. */
  type() {
    this.pending = null;
    const keystroke = this.typist.type();
    const update = this.pending;
    const id = `${this.userId}-${++this.pushes}`;
    this.connection.invoke('PushUpdate', this.docId, Buffer.from(update).toString('base64'), id).then(
      (ack) => { this.acked++; this.watermark.add(ack.sequence); },
      (err) => { if (!this.closing) this.onError(`push refused: ${err.message}`); });
    return keystroke;
  }

  received(update) {
    const writer = firstStructOfBase64(update.update);
    if (writer) this.onReceived(this, writer.client, writer.clock, update);
    this.watermark.add(update.sequence);
    if (this.full) Y.applyUpdate(this.doc, Buffer.from(update.update, 'base64'), 'server');
  }

  submitSnapshot(snapshot, upTo) {
    return this.connection.invoke('SubmitSnapshot', this.docId, Buffer.from(snapshot).toString('base64'), upTo);
  }

  async close() {
    this.closing = true;
    await this.connection?.stop().catch(() => {});
  }
}

module.exports = { RealtimeHubEditor, liveUpdateBytes, countingWebSocket };
