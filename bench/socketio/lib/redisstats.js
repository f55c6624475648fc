'use strict';
// Reads Redis command counters, so each scenario can report the PUBLISHes it cost per message.
const Redis = require('ioredis');

class RedisCounters {
  constructor(url) {
    this.client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  }

  /** Total PUBLISH + SPUBLISH calls the server has executed. */
  async publishes() {
    const info = await this.client.info('commandstats');
    let calls = 0;
    for (const match of info.matchAll(/^cmdstat_s?publish:calls=(\d+)/gm)) calls += Number(match[1]);
    return calls;
  }

  close() {
    this.client.disconnect();
  }
}

module.exports = { RedisCounters };
