'use strict';
// A lean Socket.IO v5 / Engine.IO v4 client straight over `ws`, WebSocket transport only.
// The load generator uses it where socket.io-client itself would be the bottleneck (thousands of
// deliveries per millisecond on one core). Deliveries are handed over as raw frames so the caller
// can pick out the one field it needs without parsing the whole message.
//
// Frames: "0{...}" open, "2" ping -> "3" pong, "40{auth}" connect, "40{sid}" / "44{err}" connect reply,
// "42<id>[event,...args]" event (with ack id), "43<id>[...]" ack.
const WebSocket = require('ws');

const EVENT_PREFIX = '42["';

class SioClient {
  /**
   * @param {string} baseUrl  http://host:port of a node
   * @param {string} token    JWT sent as auth.token in the Socket.IO CONNECT packet
   * @param {(frame: string) => void} [onEvent] called with each raw server event frame
   * @param {{ raw?: boolean }} [options] raw: event frames are handed over as Buffers, not decoded into strings
   */
  constructor(baseUrl, token, onEvent, { raw = false } = {}) {
    this.url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    this.token = token;
    this.onEvent = onEvent ?? (() => {});
    this.raw = raw;
    this.onClose = () => {};
    this.nextAckId = 0;
    this.pendingAcks = new Map();
    this.ws = null;
    this.connected = false;
  }

  connect(timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false, skipUTF8Validation: true });
      this.ws = ws;
      const timer = setTimeout(() => fail(new Error('connect timeout')), timeoutMs);
      const fail = (err) => {
        clearTimeout(timer);
        if (!this.connected) reject(err);
        ws.terminate();
      };
      ws.on('error', fail);
      ws.on('close', () => {
        const wasConnected = this.connected;
        this.connected = false;
        clearTimeout(timer);
        if (!wasConnected) reject(new Error('closed before connect'));
        else this.onClose();
      });
      ws.on('message', (data) => {
        // "42[" is an event: raw callers take the bytes as they came.
        if (this.raw && data[0] === 0x34 && data[1] === 0x32 && data[2] === 0x5b) return this.onEvent(data);
        const frame = data.toString();
        if (frame.startsWith(EVENT_PREFIX)) this.onEvent(frame);
        else if (frame.startsWith('43')) this.handleAck(frame);
        else if (frame === '2') ws.send('3');
        else if (frame.startsWith('0')) ws.send(`40${JSON.stringify({ token: this.token })}`);
        else if (frame.startsWith('40')) {
          clearTimeout(timer);
          this.connected = true;
          resolve(this);
        } else if (frame.startsWith('44')) fail(new Error(`connect refused: ${frame.slice(2)}`));
      });
    });
  }

  handleAck(frame) {
    const open = frame.indexOf('[');
    const id = Number(frame.slice(2, open));
    const callback = this.pendingAcks.get(id);
    if (!callback) return;
    this.pendingAcks.delete(id);
    callback(JSON.parse(frame.slice(open))[0]);
  }

  /** Emits an event with an ack; `callback` gets the server's first ack argument. */
  emit(event, args, callback) {
    const id = this.nextAckId++;
    this.pendingAcks.set(id, callback);
    this.ws.send(`42${id}${JSON.stringify([event, ...args])}`);
  }

  /** Promise form of emit, rejecting on an `{ error }` ack or after a timeout. */
  call(event, args, timeoutMs = 15000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${event}: no ack`)), timeoutMs);
      this.emit(event, args, (reply) => {
        clearTimeout(timer);
        if (reply && reply.error) reject(new Error(`${event}: ${reply.error}`));
        else resolve(reply);
      });
    });
  }

  /** Bytes read from the socket so far, WebSocket frame headers included (the same count as Hub.Cli's CountingStream). */
  get bytesRead() {
    return this.ws?._socket?.bytesRead ?? 0;
  }

  /** The connection's local TCP port, to find it in /proc/net/tcp. */
  get localPort() {
    return this.ws?._socket?.localPort ?? 0;
  }

  /** Stops reading the socket (no events, no pongs) until resume(). */
  pause() {
    this.ws.pause();
  }

  resume() {
    this.ws.resume();
  }

  close() {
    this.connected = false;
    if (this.ws) this.ws.terminate();
  }
}

/** The value of a string field in a raw JSON frame, e.g. clientMessageId; our own ids never hold quotes. */
function stringField(frame, name) {
  const key = `"${name}":"`;
  const start = frame.lastIndexOf(key);
  if (start < 0) return null;
  const from = start + key.length;
  return frame.slice(from, frame.indexOf('"', from));
}

module.exports = { SioClient, stringField };
