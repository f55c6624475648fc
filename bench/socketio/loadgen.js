'use strict';
// Open-loop load generator for the Socket.IO peer. Writes one JSON object per line (schema in
// bench/README.md) to stdout, or to --out; progress goes to stderr.
//
//   node loadgen.js --scenario idle|echo|fanout|fanout-redis|storm|feeds --server http://127.0.0.1:3001
//        [--server URL2] [--pid PID]... [--redis redis://127.0.0.1:6399] [--quick] [--out FILE]
//        [--connections N] [--rates a,b,c] [--step-seconds S]
//        [--kill-cmd CMD --restart-cmd CMD]   (storm)
//        [--instruments N --rate R --pause-seconds S --warmup-seconds S --api-key K]   (feeds; key default BENCH_API_KEY)
//   SIGNING_KEY must hold the servers' HS256 key.
const fs = require('node:fs');
const os = require('node:os');

const SCENARIOS = {
  idle: () => require('./scenarios/idle'),
  echo: () => require('./scenarios/echo'),
  fanout: () => require('./scenarios/fanout'),
  'fanout-redis': () => require('./scenarios/fanout'),
  storm: () => require('./scenarios/storm'),
  feeds: () => require('./scenarios/feeds'),
};
const REPEATABLE = new Set(['server', 'pid']);

function parseArgs(argv) {
  const opts = { server: [], pid: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const name = arg.slice(2);
    const takesValue = i + 1 < argv.length && !argv[i + 1].startsWith('--');
    const value = takesValue ? argv[++i] : true;
    if (REPEATABLE.has(name)) opts[name].push(value);
    else opts[name] = value;
  }
  return opts;
}

function buildContext(opts) {
  const signingKey = opts['signing-key'] ?? process.env.SIGNING_KEY;
  if (!signingKey) throw new Error('SIGNING_KEY (or --signing-key) is required');
  if (!SCENARIOS[opts.scenario]) throw new Error(`--scenario must be one of ${Object.keys(SCENARIOS).join(', ')}`);
  if (opts.server.length === 0) throw new Error('at least one --server is required');
  const out = opts.out ? fs.openSync(opts.out, 'a') : 1;
  const stack = opts.stack ?? 'socketio';
  const quick = opts.quick === true;
  return {
    opts,
    stack,
    scenario: opts.scenario,
    quick,
    servers: opts.server,
    pids: opts.pid.map(Number),
    redisUrl: opts.redis ?? null,
    signingKey,
    log: (message) => process.stderr.write(`[${stack} ${opts.scenario}] ${message}\n`),
    /** Writes one result line, filling in the fields every record carries. */
    emit(fields) {
      const record = {
        schema: 'realtimehub-bench/1',
        stack,
        scenario: opts.scenario,
        variant: null,
        step: 0,
        quick,
        timestamp: new Date().toISOString(),
        loadgen: `socketio-loadgen node ${process.version}`,
        host: os.hostname(),
        ...fields,
      };
      fs.writeSync(out, `${JSON.stringify(record)}\n`);
    },
    number: (name, fallback) => (opts[name] === undefined ? fallback : Number(opts[name])),
    list: (name, fallback) => (opts[name] === undefined ? fallback : String(opts[name]).split(',').map(Number)),
  };
}

async function main() {
  const ctx = buildContext(parseArgs(process.argv.slice(2)));
  await SCENARIOS[ctx.scenario]().run(ctx);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`loadgen failed: ${err.stack ?? err}\n`);
    process.exit(1);
  },
);
