// Reads bench/shards.sh's JSON lines and prints the markdown tables of docs/BENCHMARKS.md's "Redis Cluster" section.
// Redis's CPU per message is taken as the slope of each shard's CPU rate over the message rate across the steps
// (least squares): what one more message costs, without the shard's fixed background work (cron, cluster bus).
"use strict";
const fs = require("fs");
const records = fs.readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l))
  .filter((r) => Array.isArray(r.redisCpuSeconds));
const configs = [...new Set(records.map((r) => r.config))];
const slope = (points) => {
  const n = points.length, mx = points.reduce((a, p) => a + p[0], 0) / n, my = points.reduce((a, p) => a + p[1], 0) / n;
  const sxy = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0), sxx = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : NaN;
};
const out = [];
out.push("| configuration | offered deliveries/s | delivered/s | p99 ms | ok | messages/s | Redis CPU per shard (cores) |");
out.push("|---|---|---|---|---|---|---|");
for (const r of records) {
  const seconds = r.durationMs / 1000;
  out.push(`| ${r.config} | ${r.offeredDeliveriesPerSec} | ${r.deliveriesPerSec} | ${r.p99Ms} | ${r.ok ? "yes" : "no"} | ${Math.round(r.acked / seconds)} | ${r.redisCpuSeconds.map((c) => (c / seconds).toFixed(3)).join(" / ")} |`);
}
out.push("");
out.push("| configuration | best deliveries/s at p99 < 100 ms (this machine) | Redis µs per message, each shard (slope) | projected messages/s with each shard on a core of its own | × 1 shard |");
out.push("|---|---|---|---|---|");
let base;
for (const config of configs) {
  const rs = records.filter((r) => r.config === config);
  const best = Math.max(0, ...rs.filter((r) => r.ok).map((r) => r.deliveriesPerSec));
  const shards = rs[0].redisCpuSeconds.length;
  const costs = [...Array(shards).keys()].map((s) => slope(rs.map((r) => [r.acked / (r.durationMs / 1000), r.redisCpuSeconds[s] / (r.durationMs / 1000)])) * 1e6);
  const projected = Math.round(1e6 / Math.max(...costs)); // the busiest shard saturates first
  base ??= projected;
  out.push(`| ${config} | ${best} | ${costs.map((c) => c.toFixed(1)).join(" / ")} | ${projected} | ${(projected / base).toFixed(2)} |`);
}
console.log(out.join("\n"));
