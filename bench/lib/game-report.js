'use strict';
// The "Multiplayer matches" section of docs/BENCHMARKS.md (issue 21), from the game records of one run (lib/game-step.js;
// fields in bench/README.md): RealtimeHub's runs of the issue's load with the JSON and the MessagePack protocol, and the
// ladder of more players. report.js renders it with the rest, or alone into an existing report for a game-only run
// (lib/sections.js). Verdicts come from the raw fields.

const GOAL_P99_MS = 100;
/** MessagePack's bytes per player per second at most this many times JSON's. */
const BYTES_RATIO = 0.5;
const HEADING = '## Multiplayer matches';

const LIMITS = {
  server: 'late or skipped ticks',
  generator: 'the generator used ≥ 0.9 of a core',
  seats: 'not every player seated',
  failed: 'the step failed (no window measured or nobody seated)',
};

const gameRecords = (records) => records.filter((r) => r.scenario === 'game' && r.stack === 'realtimehub');
/** The newest record of a variant (a re-run supersedes). */
const main = (records, variant) => gameRecords(records).filter((r) => r.variant === variant).sort((a, b) => b.step - a.step)[0];
const measured = (r) => Boolean(r) && typeof r.durationMs === 'number' && r.seated > 0;
const lateCell = (r, f) => (measured(r) ? `${f.fmt(r.lateTicks)} late, ${f.fmt(r.skippedTicks)} skipped` : '–');

/** @param {object} json the JSON run, @param {object} mp the MessagePack run, @param {object} f report.js's helpers */
function gameGoals(json, mp, f) {
  const runs = [['JSON', json], ['MessagePack', mp]].filter(([, r]) => measured(r));
  const missing = [['JSON', json], ['MessagePack', mp]].filter(([, r]) => !measured(r)).map(([name]) => name);
  const missingNote = missing.length && runs.length ? ` (${missing.join(', ')} not measured)` : '';
  const judge = (cells, verdict) => {
    if (!runs.length) return [...cells, 'not measured'];
    if (runs.some(([, r]) => f.generatorBound(r))) return [...cells, 'generator-bound: no verdict'];
    return [...cells, verdict() + missingNote];
  };

  const ticks = judge([`no late ticks at the issue's load (both nodes, late or skipped, in the window)`, lateCell(json, f), lateCell(mp, f)], () => {
    const late = runs.filter(([, r]) => r.lateTicks > 0 || r.skippedTicks > 0);
    return late.length ? `missed: ${late.map(([name, r]) => `${name} ${f.fmt(r.lateTicks)} late and ${f.fmt(r.skippedTicks)} skipped`).join('; ')}` : 'met';
  });

  const ms = (r) => (measured(r) && typeof r.p99Ms === 'number' ? `${f.fmt(r.p99Ms, 1)} ms` : '–');
  const latency = judge([`input → own delta p99 < ${GOAL_P99_MS} ms`, ms(json), ms(mp)], () => {
    const unseated = runs.filter(([, r]) => r.seated < r.players);
    if (unseated.length) return `missed: not every player seated (${unseated.map(([name, r]) => `${name} ${f.fmt(r.seated)} of ${f.fmt(r.players)}`).join('; ')})`;
    const [name, worst] = runs.reduce((a, b) => ((b[1].p99Ms ?? Infinity) > (a[1].p99Ms ?? Infinity) ? b : a));
    if (typeof worst.p99Ms !== 'number') return 'not measured: no input was answered';
    return worst.p99Ms < GOAL_P99_MS ? 'met'
      : `missed: ${name} ${f.fmt(worst.p99Ms - GOAL_P99_MS, 1)} ms over (${(worst.p99Ms / GOAL_P99_MS).toFixed(2)}× the goal)`;
  });

  const bytes = (() => {
    const show = (r) => (measured(r) && typeof r.bytesPerPlayerPerSecond === 'number' ? `${f.fmt(r.bytesPerPlayerPerSecond)} B` : '–');
    const cells = [`MessagePack bytes per player per second ≤ ${BYTES_RATIO}× JSON's`, show(json), show(mp)];
    if (!measured(json) || !measured(mp) || !(json.bytesPerPlayerPerSecond > 0) || typeof mp.bytesPerPlayerPerSecond !== 'number') {
      return [...cells, 'not measured'];
    }
    if (f.generatorBound(json) || f.generatorBound(mp)) return [...cells, 'generator-bound: no verdict'];
    const r = mp.bytesPerPlayerPerSecond / json.bytesPerPlayerPerSecond;
    return [...cells, r <= BYTES_RATIO ? `met (${r.toFixed(2)}×)`
      : `missed: needs ≤ ${BYTES_RATIO}×, measured ${r.toFixed(2)}× (${Math.round((r / BYTES_RATIO - 1) * 100)} % over)`];
  })();

  return [ticks, latency, bytes];
}

/** The figures behind the goals, JSON beside MessagePack. */
function figuresTable(json, mp, f) {
  const row = (metric, get, digits = 0, unit = '') => {
    const show = (r) => {
      const v = r ? get(r) : null;
      return typeof v === 'number' ? `${f.fmt(v, digits)}${unit}` : v ?? '–';
    };
    return [metric, show(json), show(mp)];
  };
  const perNode = (field, digits, unit = '') => (r) => (Array.isArray(r[field]) ? r[field].map((v) => f.fmt(v, digits)).join(' / ') + unit : null);
  const perMatchCpu = (r) => (typeof r.cpuPerMatch === 'number' ? `${f.fmt(r.cpuPerMatch * 1000, 2)} ms per s (${f.fmt(r.cpuPerMatch * 100, 3)} % of a core)` : null);
  return f.table(['metric', 'JSON', 'MessagePack'], [
    row('players seated / asked; matches', (r) => `${f.fmt(r.seated)} / ${f.fmt(r.players)}; ${f.fmt(r.matches)}`),
    row('ticks run in the window (both nodes); late; skipped', (r) => `${f.fmt(r.ticks)}; ${f.fmt(r.lateTicks)}; ${f.fmt(r.skippedTicks)}`),
    row('tick duration p50, node 1 / node 2 (since start)', perNode('nodeTickP50Ms', 2, ' ms')),
    row('tick duration p99, node 1 / node 2 (since start)', perNode('nodeTickP99Ms', 2, ' ms')),
    row('tick duration max, node 1 / node 2 (since start)', perNode('nodeTickMaxMs', 1, ' ms')),
    row('input → own delta p50 / p99 / p99.9 / max', (r) => `${f.fmt(r.p50Ms, 1)} / ${f.fmt(r.p99Ms, 1)} / ${f.fmt(r.p999Ms, 1)} / ${f.fmt(r.maxMs, 1)} ms`),
    row('states per player per s', (r) => r.statesPerPlayerPerSecond, 1),
    row('bytes per player per s (socket bytes)', (r) => r.bytesPerPlayerPerSecond),
    row('server CPU, both nodes (cores; node 1 / node 2)', (r) => `${f.fmt(r.serverCpu, 2)} (${(r.nodeCpu ?? []).map((v) => f.fmt(v, 2)).join(' / ')})`),
    row('server CPU per match', perMatchCpu),
    row('node RSS, both nodes (before the bots joined)', (r) => `${f.mib(r.rssBytes)} (${f.mib(r.idleRssBytes)})`),
    row('memory per match (RSS growth since the bots joined / matches)', (r) => (typeof r.rssPerMatchBytes === 'number' ? `${f.fmt(r.rssPerMatchBytes / 1024, 1)} KiB` : null)),
    row('Redis commands per tick (both nodes\' ticks)', (r) => r.redisCommandsPerTick, 1),
    row('Redis commands per s', (r) => r.redisCommandsPerSec),
    row('Redis CPU (cores)', (r) => r.redisCpu, 2),
    row('generator CPU (cores)', (r) => r.loadgenCpu, 2),
    row('generator-bound (≥ 0.9 core)', (r) => (typeof r.loadgenCpu === 'number' ? (f.generatorBound(r) ? 'yes' : 'no') : null)),
    row('bot errors in their window', (r) => r.errors),
  ]);
}

/** The ladder: the JSON run of the issue's load, then more players, each on fresh nodes. */
function ladder(records) {
  const json = main(records, 'json');
  const climbed = gameRecords(records).filter((r) => r.variant === 'ladder');
  return [json, ...climbed].filter(Boolean).sort((a, b) => a.players - b.players || a.step - b.step);
}

/**
 * The largest number of players held with no late or skipped tick, every player seated and the generator below 0.9 of
 * a core, and why the ladder stopped: { held: record | null, stop: record | null }.
 */
function ladderOutcome(steps) {
  const held = steps.filter((r) => r.limit === null).sort((a, b) => b.players - a.players)[0] ?? null;
  const stop = steps.find((r) => r.limit !== null) ?? null;
  return { held, stop };
}

function ladderSentence(steps, f) {
  if (!steps.length) return '_The ladder was not measured in this run._';
  const { held, stop } = ladderOutcome(steps);
  const heldText = held
    ? `**Largest number of players with no late tick: ${f.fmt(held.players)}** (${f.fmt(held.matches)} matches, tick p99 ${f.fmt(held.tickP99Ms, 2)} ms on the slower node, input → delta p99 ${f.fmt(held.p99Ms, 1)} ms).`
    : '**No step held** (no late tick, every player seated, generator below 0.9 of a core).';
  const highest = steps.at(-1);
  const stopText = !stop
    ? ` The ladder ended at its last step (${f.fmt(highest.players)} players) without reaching a limit: the two nodes hold at least that.`
    : stop.limit === 'generator'
      ? ` The ladder stopped at ${f.fmt(stop.players)} players because **the generator** saturated (${f.fmt(stop.loadgenCpu, 2)} cores), not the server (${f.fmt(stop.lateTicks)} late ticks there): the nodes may hold more.`
      : ` The ladder stopped at ${f.fmt(stop.players)} players: ${LIMITS[stop.limit] ?? stop.limit}${stop.limit === 'server' ? ` (${f.fmt(stop.lateTicks)} late, ${f.fmt(stop.skippedTicks)} skipped)` : ''}${f.generatorBound(stop) ? ', with the generator at ≥ 0.9 of a core as well' : ''}.`;
  return heldText + stopText;
}

function ladderTable(steps, f) {
  return f.table(['players', 'seated', 'matches', 'late / skipped ticks', 'tick p99 (slower node)', 'input → delta p50 / p99', 'bytes per player per s',
    'server CPU (cores)', 'node RSS', 'Redis commands per tick', 'generator CPU', 'limit'], steps.map((r) => [
    f.fmt(r.players), f.fmt(r.seated), f.fmt(r.matches), `${f.fmt(r.lateTicks)} / ${f.fmt(r.skippedTicks)}`, `${f.fmt(r.tickP99Ms, 2)} ms`,
    `${f.fmt(r.p50Ms, 1)} / ${f.fmt(r.p99Ms, 1)} ms`, f.fmt(r.bytesPerPlayerPerSecond), f.fmt(r.serverCpu, 2), f.mib(r.rssBytes),
    f.fmt(r.redisCommandsPerTick, 1), f.fmt(r.loadgenCpu, 2), r.limit === null ? 'held' : LIMITS[r.limit] ?? r.limit]));
}

/** The whole section, from the run's game records; `run` is { name, machine }. */
function gameSection(records, run, f) {
  const [json, mp] = [main(records, 'json'), main(records, 'messagepack')];
  const any = json ?? mp;
  const m = run.machine;
  const steps = ladder(records);
  const setup = any
    ? `${f.fmt(any.players)} players (bots) in matches of ${any.seatsPerMatch} (${f.fmt(any.players / any.seatsPerMatch)} matches), alternating over `
      + `${any.nodes} nodes and Redis; the matches tick ${any.tickRate} times a second and send each player ${any.statesPerSecond} deltas a second `
      + `(the server's defaults); each bot sends ${any.inputRate} inputs a second. Once every bot looked for a match, ${f.fmt(any.warmUpMs / 1000)} s `
      + `warm-up, then a ${f.fmt(any.durationMs / 1000)} s window on the servers (the bots' own window is ${f.fmt((any.botWindowMs ?? 0) / 1000)} s around it).`
    : 'Not measured in this run (`bench/run.sh --scenarios game` measures it alone).';
  const goals = gameGoals(json, mp, f);
  const met = goals.filter((g) => g[3].startsWith('met')).length;
  const quickNote = m.quick && any ? ` **Quick run**: ${f.fmt(any.players)} players instead of the issue's 1,000, a shorter window and ladder.` : '';
  const section = `${HEADING} (issue 21)

${any ? `Run \`${run.name}\` (\`bench/run.sh${m.quick ? ' --quick' : ''}\`${m.commit ? `, commit \`${m.commit}\`` : ''}, ${m.startedAt ?? '–'}, load average at start ${m.loadAvgAtStart ?? '–'}; ${m.layout ?? ''}).\n` : ''}${setup}
RealtimeHub only: this benchmark has no peer for matches (a Colyseus or Nakama setup is not part of issue 21), so the
goals are absolute. The players are \`Hub.Cli bots\` (\`GameClient\` over WebSockets, one process on the generator's core):
each steers at the nearest gem it sees and times each input until the first state whose \`lastInputSequence\` reaches it
(input → own delta). Bytes are what the bots' sockets read (frames with headers: deltas, scoreboards, pings). Each run
starts fresh nodes and a flushed Redis. Ticks, late and skipped ticks are the window's, from both nodes' \`/stats\`
before and after; tick durations are \`/stats\`' percentiles since the node started (warm-up included). Server CPU and
RSS are the two nodes' (\`/proc\`), memory per match their RSS growth since before the bots joined over the matches (the
players' connections included); Redis commands per tick are INFO's \`total_commands_processed\` over the window divided
by the ticks both nodes ran in it. A run whose generator used ≥ 0.9 of a core gets no verdict. An input is applied at the
next tick and seen in the next delta, sent every 100 ms: input → own delta spreads over 0–100 ms before any transport,
so the p99 goal leaves the hub almost nothing (bench/README.md, *What to expect from \`game\`*).${quickNote}

${f.table(['goal (issue 21)', 'JSON', 'MessagePack', 'verdict'], goals)}

${any ? figuresTable(json, mp, f) : ''}

### The most players the two nodes hold

The JSON load again with more players, each step on fresh nodes, until a step has a late or skipped tick, not every player
is seated, or the generator saturates.

${ladderSentence(steps, f)}

${steps.length ? ladderTable(steps, f) : ''}
`;
  return { section, met, goals: goals.length, measured: measured(json) || measured(mp), largest: ladderOutcome(steps).held?.players ?? null };
}

module.exports = { gameSection, ladderOutcome, GOAL_P99_MS, BYTES_RATIO, HEADING };
