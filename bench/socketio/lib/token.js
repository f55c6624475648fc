'use strict';
// Mints the same HS256 tokens as RealtimeHub's POST /auth/token: sub, name, iss/aud "realtimehub".
const crypto = require('node:crypto');

const b64url = (value) => Buffer.from(value).toString('base64url');
const HEADER = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function mintToken(userId, signingKey, lifetimeSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: userId, name: userId, iss: 'realtimehub', aud: 'realtimehub', iat: now, nbf: now, exp: now + lifetimeSeconds };
  const body = `${HEADER}.${b64url(JSON.stringify(claims))}`;
  const signature = crypto.createHmac('sha256', Buffer.from(signingKey, 'utf8')).update(body).digest('base64url');
  return `${body}.${signature}`;
}

module.exports = { mintToken };
