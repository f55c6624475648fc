'use strict';
// Server-side figures read from /proc, so both stacks are measured the same way whatever they self-report.
const fs = require('node:fs');

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Bytes the kernel holds for one loopback connection (/proc/net/tcp and tcp6): the server socket's send queue plus the
 * client socket's receive queue, or null when neither end is found (Hub.Cli's Measuring/TcpQueues.cs reads it alike).
 */
function tcpQueuedBytes(clientPort, serverPort) {
  let total = null;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const bytes = queuedOf(line, clientPort, serverPort);
      if (bytes !== null) total = (total ?? 0) + bytes;
    }
  }
  return total;
}

/** One /proc/net/tcp line: the client end's rx_queue or the server end's tx_queue, else null. */
function queuedOf(line, clientPort, serverPort) {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 5) return null;
  const port = (address) => parseInt(address.slice(address.lastIndexOf(':') + 1), 16);
  const [local, remote] = [port(fields[1]), port(fields[2])];
  const [tx, rx] = fields[4].split(':').map((hex) => parseInt(hex, 16));
  if (local === clientPort && remote === serverPort) return rx;
  if (local === serverPort && remote === clientPort) return tx;
  return null;
}

const sum = (values) => (values.some((v) => v === null) ? null : values.reduce((a, b) => a + b, 0));

/** Measures CPU use (in cores) of the server processes and of this generator over an interval. */
class CpuMeter {
  constructor(pids) {
    this.pids = pids;
    this.start();
  }

  start() {
    this.startedAt = process.hrtime.bigint();
    this.serverStart = sum(this.pids.map(cpuSeconds));
    this.selfStart = process.cpuUsage();
  }

  read() {
    const elapsed = Number(process.hrtime.bigint() - this.startedAt) / 1e9;
    const serverNow = sum(this.pids.map(cpuSeconds));
    const self = process.cpuUsage(this.selfStart);
    const round = (v) => Math.round(v * 100) / 100;
    return {
      serverCpu: this.pids.length && serverNow !== null && this.serverStart !== null
        ? round((serverNow - this.serverStart) / elapsed) : null,
      loadgenCpu: round((self.user + self.system) / 1e6 / elapsed),
    };
  }
}

module.exports = { rssBytes, cpuSeconds, CpuMeter, totalRssBytes: (pids) => sum(pids.map(rssBytes)), tcpQueuedBytes, queuedOf };
