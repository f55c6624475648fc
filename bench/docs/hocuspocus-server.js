'use strict';
// The Hocuspocus peer of the docs scenario (issue 20): @hocuspocus/server 3.4 as its docs set it up, one process, no
// extensions (no Redis, no database: documents live in this process's memory, which is all one document needs).
// Editors authenticate with the same HS256 token as RealtimeHub's (`token` of @hocuspocus/provider), checked in
// onAuthenticate. GET /healthz answers 200 (any path does: Hocuspocus's default request handler), RSS on SIGUSR2.
//
//   SIGNING_KEY=... node hocuspocus-server.js --port 3100
const { Server } = require('@hocuspocus/server');
const { verifyToken } = require('./lib/jwt');

const portAt = process.argv.indexOf('--port');
const port = portAt >= 0 ? Number(process.argv[portAt + 1]) : 3100;
const signingKey = process.env.SIGNING_KEY;
if (!signingKey) throw new Error('SIGNING_KEY is required');

const server = new Server({
  port,
  address: '127.0.0.1',
  quiet: true,
  name: process.env.NODE_ID ?? 'hocuspocus',
  async onAuthenticate({ token }) {
    const claims = verifyToken(token, signingKey);
    if (!claims) throw new Error('invalid token');
    return { user: { id: claims.sub, name: claims.name } };
  },
});

process.on('SIGUSR2', () => process.stderr.write(`rss ${process.memoryUsage().rss}\n`));
server.listen().then(() => process.stderr.write(`hocuspocus listening on 127.0.0.1:${port}\n`));
