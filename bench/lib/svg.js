'use strict';
// Dependency-free SVG charts for the benchmark report: grouped bars and log-scale lines.

const COLORS = { realtimehub: '#6f42c1', socketio: '#2b8a3e' };
const FALLBACK = ['#1971c2', '#e8590c', '#c2255c', '#5c940d'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colorOf = (key, i) => COLORS[key] ?? FALLBACK[i % FALLBACK.length];

function compact(v) {
  if (v >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
  if (v >= 1e3) return `${+(v / 1e3).toFixed(1)}k`;
  return `${+v.toFixed(2)}`;
}

function frame(width, height, title, body) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>
${body}
</svg>
`;
}

function legend(series, x, y) {
  return series.map((s, i) => {
    const color = s.color ?? colorOf(s.key, i);
    const swatch = s.line
      ? `<line x1="${x}" x2="${x + 14}" y1="${y + i * 18 + 6}" y2="${y + i * 18 + 6}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 2"' : ''}/>`
      : `<rect x="${x}" y="${y + i * 18}" width="12" height="12" fill="${color}"/>`;
    return `${swatch}<text x="${x + 18}" y="${y + i * 18 + 10}">${esc(s.label)}</text>`;
  }).join('\n');
}

/** groups: [{ label, values: { seriesKey: number|null } }], series: [{ key, label }]. */
function barChart({ title, yLabel, groups, series, width = 760, height = 360 }) {
  const left = 70, right = 150, top = 40, bottom = 60;
  const plotW = width - left - right, plotH = height - top - bottom;
  const max = Math.max(1, ...groups.flatMap((g) => series.map((s) => g.values[s.key] ?? 0))) * 1.1;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(40, (groupW * 0.8) / series.length);
  const parts = [];
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4, y = top + plotH - (plotH * t) / 4;
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end">${compact(v)}</text>`);
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, si) => {
      const v = g.values[s.key];
      const x = x0 + si * barW;
      if (v === null || v === undefined) {
        parts.push(`<text x="${x + barW / 2}" y="${top + plotH - 4}" text-anchor="middle" fill="#999">n/a</text>`);
        return;
      }
      const h = (plotH * v) / max;
      parts.push(`<rect x="${x}" y="${top + plotH - h}" width="${barW - 2}" height="${h}" fill="${colorOf(s.key, si)}"/>`,
        `<text x="${x + barW / 2}" y="${top + plotH - h - 4}" text-anchor="middle" font-size="10">${compact(v)}</text>`);
    });
    // Labels may hold a line break ("\n") to keep neighbouring groups apart.
    g.label.split('\n').forEach((line, li) => parts.push(
      `<text x="${left + gi * groupW + groupW / 2}" y="${top + plotH + 18 + li * 14}" text-anchor="middle">${esc(line)}</text>`));
  });
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotH}" stroke="#333"/>`,
    `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    legend(series, left + plotW + 16, top));
  return frame(width, height, title, parts.join('\n'));
}

/** lines: [{ key, label, color?, dashed?, points: [[x, y]] }], hLines: [{ y, label }]; both axes log10. */
function logLineChart({ title, xLabel, yLabel, lines, hLines = [], width = 760, height = 360 }) {
  const left = 70, right = 190, top = 40, bottom = 50;
  const plotW = width - left - right, plotH = height - top - bottom;
  const pts = lines.flatMap((l) => l.points).filter(([x, y]) => x > 0 && y > 0);
  if (pts.length === 0) return frame(width, height, title, '<text x="50%" y="50%" text-anchor="middle">no data</text>');
  const lo = (vals) => Math.floor(Math.log10(Math.min(...vals)));
  const hi = (vals) => Math.ceil(Math.log10(Math.max(...vals)) + 1e-9);
  const [x0, x1] = [lo(pts.map((p) => p[0])), Math.max(hi(pts.map((p) => p[0])), lo(pts.map((p) => p[0])) + 1)];
  const ys = pts.map((p) => p[1]).concat(hLines.map((h) => h.y));
  const [y0, y1] = [lo(ys), Math.max(hi(ys), lo(ys) + 1)];
  const sx = (x) => left + ((Math.log10(x) - x0) / (x1 - x0)) * plotW;
  const sy = (y) => top + plotH - ((Math.log10(y) - y0) / (y1 - y0)) * plotH;
  const parts = [];
  for (let e = x0; e <= x1; e++) parts.push(`<line x1="${sx(10 ** e)}" x2="${sx(10 ** e)}" y1="${top}" y2="${top + plotH}" stroke="#eee"/>`,
    `<text x="${sx(10 ** e)}" y="${top + plotH + 16}" text-anchor="middle">${compact(10 ** e)}</text>`);
  for (let e = y0; e <= y1; e++) parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${sy(10 ** e)}" y2="${sy(10 ** e)}" stroke="#eee"/>`,
    `<text x="${left - 6}" y="${sy(10 ** e) + 4}" text-anchor="end">${compact(10 ** e)}</text>`);
  for (const hLine of hLines) parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${sy(hLine.y)}" y2="${sy(hLine.y)}" stroke="#c92a2a" stroke-dasharray="5 4"/>`,
    `<text x="${left + plotW - 4}" y="${sy(hLine.y) - 4}" text-anchor="end" fill="#c92a2a">${esc(hLine.label)}</text>`);
  lines.forEach((l, i) => {
    const p = l.points.filter(([x, y]) => x > 0 && y > 0).sort((a, b) => a[0] - b[0]);
    const dash = l.dashed ? ' stroke-dasharray="6 3"' : '';
    const color = l.color ?? colorOf(l.key, i);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${p.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`,
      ...p.map(([x, y]) => `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${color}"/>`));
  });
  parts.push(`<text x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    legend(lines.map((l, i) => ({ key: l.key, label: l.label, color: l.color ?? colorOf(l.key, i), line: true, dashed: l.dashed })), left + plotW + 16, top));
  return frame(width, height, title, parts.join('\n'));
}

module.exports = { barChart, logLineChart };
