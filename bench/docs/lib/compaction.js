'use strict';
// RealtimeHub's compaction seen from the editors: the one asked (SnapshotRequested) answers with SubmitSnapshot, holding
// a Y.Doc with every update up to the asked sequence applied: its own if it applies everything (a full editor), else its
// document's keeper's (editor 0 of the document, a full editor in this process), once that has every update up to it.
// While `measuring`, the document's Redis keys are weighed (MEMORY USAGE, SAMPLES 0: every element counted) just before
// the snapshot is sent and just after it was accepted.
const Y = require('yjs');
const Redis = require('ioredis');
const { waitUntil } = require('../../socketio/lib/load');

/** A document's keys (Hub.Server/Documents/RedisDocumentStore.cs); the log proper is `updates` and `snapshot`. */
const KEY_SUFFIXES = ['state', 'updates', 'snapshot', 'client-ids', 'unbroadcast', 'awareness'];
const LOG_SUFFIXES = new Set(['updates', 'snapshot']);

class Compactions {
  /** @param {object} o { redisUrl (or null), keeperOf(editor), log } */
  constructor(o) {
    Object.assign(this, o);
    this.redis = o.redisUrl ? new Redis(o.redisUrl, { maxRetriesPerRequest: 1 }) : null;
    this.measuring = false;
    this.requested = this.accepted = this.refused = this.unanswered = 0;
    this.weighed = []; // { docId, upTo, snapshotBytes, before: {total, log}, after: {total, log} }
    this.byDoc = new Map(); // docId -> { count, upTo, snapshotBytes }
  }

  async answer(editor, upTo) {
    this.requested++;
    const source = editor.full ? editor : this.keeperOf(editor);
    const measuring = this.measuring && this.redis;
    const before = measuring ? await this.weigh(editor.docId) : null;
    if (!(await waitUntil(() => source.watermark.value >= upTo, 10000))) {
      if (this.unanswered++ === 0) this.log(`snapshot up to ${upTo} of ${editor.docId} not answered: updates missing after 10 s`);
      return;
    }
    const snapshot = Y.encodeStateAsUpdate(source.doc);
    const ok = await editor.submitSnapshot(snapshot, upTo).catch((err) => {
      this.log(`SubmitSnapshot failed: ${err.message}`);
      return false;
    });
    if (!ok) {
      this.refused++;
      return;
    }
    this.accepted++;
    const done = this.byDoc.get(editor.docId) ?? { count: 0 };
    this.byDoc.set(editor.docId, { count: done.count + 1, upTo, snapshotBytes: snapshot.length });
    if (measuring) this.weighed.push({ docId: editor.docId, upTo, snapshotBytes: snapshot.length, before, after: await this.weigh(editor.docId) });
  }

  countFor(docId) {
    return this.byDoc.get(docId)?.count ?? 0;
  }

  /** The bytes Redis uses for the document's keys: { total, log (the updates and the snapshot), keys: { suffix: bytes } }. */
  async weigh(docId) {
    const keys = KEY_SUFFIXES.map((s) => `realtimehub:doc:{${docId}}:${s}`);
    const replies = await this.redis.pipeline(keys.map((k) => ['memory', 'usage', k, 'samples', '0'])).exec();
    const weight = { total: 0, log: 0, keys: {} };
    replies.forEach(([err, bytes], i) => {
      const value = err || typeof bytes !== 'number' ? 0 : bytes; // a key that does not exist weighs nothing
      weight.keys[KEY_SUFFIXES[i]] = value;
      weight.total += value;
      if (LOG_SUFFIXES.has(KEY_SUFFIXES[i])) weight.log += value;
    });
    return weight;
  }

  /** Redis's own CPU time so far (user + system seconds, INFO cpu), or null without Redis. */
  async cpuSeconds() {
    if (!this.redis) return null;
    const info = await this.redis.info('cpu');
    const field = (name) => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? NaN);
    const seconds = field('used_cpu_sys') + field('used_cpu_user');
    return Number.isFinite(seconds) ? seconds : null;
  }

  async usedMemory() {
    if (!this.redis) return null;
    const match = /^used_memory:(\d+)/m.exec(await this.redis.info('memory'));
    return match ? Number(match[1]) : null;
  }

  close() {
    this.redis?.disconnect();
  }
}

module.exports = { Compactions, KEY_SUFFIXES };
