'use strict';
// Sections of docs/BENCHMARKS.md that a run of their scenarios alone rewrites (feeds, docs, game: report.js --only), leaving
// every other line of the report as its own run wrote it.

/**
 * `existing` with the section whose "## " heading line starts with `heading` replaced by `section` (up to the next "## "
 * heading), or, when it has none, `section` put before "## Reproduce", else at the end.
 */
function spliceSection(existing, section, heading) {
  const lines = existing.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  const body = section.trimEnd().split('\n');
  if (start >= 0) {
    const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    lines.splice(start, (end < 0 ? lines.length : end) - start, ...body, '');
  } else {
    const at = lines.indexOf('## Reproduce');
    lines.splice(at < 0 ? lines.length : at, 0, ...body, '');
  }
  return lines.join('\n');
}

module.exports = { spliceSection };
