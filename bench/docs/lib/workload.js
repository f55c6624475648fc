'use strict';
// The editors of a docs run and their typing: `documents` × `editorsPerDoc` editors, alternating over the servers, each
// typing `cps` characters a second on one shared open-loop keyboard (keystroke n is editor n mod N's, so every editor
// types evenly and the keystrokes of a document are spread over time). Latency runs from a keystroke's scheduled time to
// its receipt by each other editor of the document, on this process's one clock.
const { Histogram } = require('../../socketio/lib/histogram');
const { CpuMeter } = require('../../socketio/lib/procstats');
const { inParallel, sleep, performance } = require('../../socketio/lib/load');
const { KeystrokeTimes } = require('./updates');

class Workload {
  /**
   * @param {object} ctx the generator's context (servers, pids, signingKey, log)
   * @param {object} o { Editor, documents, editorsPerDoc, cps, docPrefix, isFull(doc, editor), onSnapshotRequested(editor, upTo) }
   */
  constructor(ctx, o) {
    Object.assign(this, o);
    this.ctx = ctx;
    this.times = new KeystrokeTimes();
    this.editors = [];
    this.window = null;
    this.errors = 0;
    this.keystrokes = 0;
    this.typing = false;
  }

  docId(d) {
    return `${this.docPrefix}-${String(d).padStart(3, '0')}`;
  }

  /** Editor e of document d. */
  editor(d, e) {
    return this.editors[d * this.editorsPerDoc + e];
  }

  async connect() {
    const count = this.documents * this.editorsPerDoc;
    this.editors = await inParallel(count, 50, async (i) => {
      const [d, e] = [Math.floor(i / this.editorsPerDoc), i % this.editorsPerDoc];
      const editor = new this.Editor({
        server: this.ctx.servers[i % this.ctx.servers.length], userId: `${this.docPrefix}-${d}-${e}`,
        signingKey: this.ctx.signingKey, docId: this.docId(d), full: this.isFull(d, e), index: i,
        onReceived: (_, client, clock) => this.received(client, clock),
        onSnapshotRequested: (ed, upTo) => this.onSnapshotRequested(ed, upTo),
        onError: (why) => this.error(why),
      });
      await editor.connect();
      await editor.open();
      return editor;
    });
    this.ctx.log(`${count} editors on ${this.documents} document(s), ${this.ctx.servers.length} node(s)`);
  }

  error(why) {
    if (this.errors++ === 0 || this.errors % 1000 === 0) this.ctx.log(`editor error #${this.errors}: ${why}`);
  }

  received(client, clock) {
    if (!this.window) return;
    const at = this.times.at(client, clock);
    if (at !== null) this.window.latency.recordMs(performance.now() - at);
  }

  /** Starts typing: every editor not `away`, `cps` keystrokes a second each, open loop (never waiting for replies). */
  startTyping() {
    const interval = 1000 / (this.editors.length * this.cps);
    const start = performance.now();
    let n = 0;
    this.lag = new Histogram();
    this.typing = true;
    const tick = () => {
      if (!this.typing) return;
      const now = performance.now();
      for (let at = start + n * interval; at <= now; at = start + n * interval) {
        const editor = this.editors[n++ % this.editors.length];
        if (editor.away) continue;
        if (this.window) this.lag.recordMs(now - at);
        const { client, clock } = editor.type();
        this.times.record(client, clock, at);
        this.keystrokes++;
      }
      setTimeout(tick, Math.max(1, start + n * interval - performance.now())); // never spin
    };
    tick();
  }

  stopTyping() {
    this.typing = false;
  }

  /** One measured window: latency, keystrokes typed and acknowledged, server and generator CPU. */
  async measure(durationMs) {
    const acked = () => this.editors.reduce((sum, e) => sum + (e.acked ?? 0), 0);
    const [keystrokes, ackedBefore, errors, cpu, started] = [this.keystrokes, acked(), this.errors, new CpuMeter(this.ctx.pids), performance.now()];
    this.window = { latency: new Histogram() };
    this.lag = new Histogram();
    await sleep(durationMs);
    const { latency } = this.window;
    this.window = null;
    const elapsed = performance.now() - started;
    return {
      durationMs: Math.round(elapsed), ...cpu.read(), latency: latency.summary(), deliveries: latency.count,
      sent: this.keystrokes - keystrokes, acked: this.Editor.acks ? acked() - ackedBefore : null, errors: this.errors - errors,
      sendLagP99Ms: this.lag.percentileMs(99),
    };
  }

  async close() {
    this.stopTyping();
    await Promise.all(this.editors.map((e) => e.close()));
  }
}

module.exports = { Workload };
