'use strict';
// Shared by the report tests: runs bench/report.js on records in a fresh run directory, and reads its Markdown.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const REPORT = path.join(__dirname, '..', '..', 'report.js');

/**
 * Renders `records` into <dir>/docs/BENCHMARKS.md. `existing`: that file's text before the run; `args`: more arguments
 * (e.g. --only feeds); `machine`: fields over the default machine.json.
 */
function runReport(records, { existing, args = [], machine = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  fs.writeFileSync(path.join(dir, 'machine.json'), JSON.stringify({ cpuModel: 'test', cpus: 2, memBytes: 1, quick: 1, layout: 'x', ...machine }));
  fs.writeFileSync(path.join(dir, 'all.jsonl'), records.map((r) => JSON.stringify(r)).join('\n'));
  const file = path.join(dir, 'docs', 'BENCHMARKS.md');
  if (existing !== undefined) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, existing);
  }
  const out = execFileSync(process.execPath, [REPORT, dir, file, ...args], { encoding: 'utf8' });
  return { out, lines: out.trim().split('\n'), markdown: fs.readFileSync(file, 'utf8'), dir };
}

/** The Markdown table row that starts with `first` (its first cell), split into cells. */
function row(markdown, first) {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`));
  assert.ok(line, `no row starting with "${first}"`);
  return line.slice(2, -2).split(' | ');
}

/** The text under the Markdown heading `heading` (first match), up to the next heading of the same or a higher level. */
function section(markdown, heading) {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `no heading "${heading}"`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

module.exports = { runReport, row, section };
