'use strict';
// HS256 tokens as RealtimeHub's: minted by ../socketio/lib/token.js, verified here for the Hocuspocus peer (sub, name,
// iss = aud = "realtimehub", exp), so both servers admit editors by the same rule.
const crypto = require('node:crypto');
const { mintToken } = require('../../socketio/lib/token');

/** The claims of a valid, unexpired token signed with `signingKey`, else null. */
function verifyToken(token, signingKey) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) return null;
  const expected = crypto.createHmac('sha256', Buffer.from(signingKey, 'utf8')).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  let claims;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const ok = claims.iss === 'realtimehub' && claims.aud === 'realtimehub' && typeof claims.sub === 'string'
    && typeof claims.exp === 'number' && claims.exp > Date.now() / 1000;
  return ok ? claims : null;
}

module.exports = { mintToken, verifyToken };
