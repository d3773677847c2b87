#!/usr/bin/env node
/**
 * First-start setup: writes a .env with fresh secrets when it is missing (never committed),
 * fills in any secret a hand-written .env lacks, and creates .tmp/ for the SQLite file.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const root = path.resolve(__dirname, '..', '..');
const envFile = path.join(root, '.env');
const secret = () => crypto.randomBytes(16).toString('base64');

const defaults = {
  HOST: '0.0.0.0',
  PORT: '1337',
  APP_KEYS: () => [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret,
  ADMIN_JWT_SECRET: secret,
  TRANSFER_TOKEN_SALT: secret,
  JWT_SECRET: secret,
  ENCRYPTION_KEY: secret,
  // Signs preview tokens (HMAC-SHA256); the plugin refuses one shorter than 32 characters.
  NEWSROOM_PREVIEW_SECRET: () => crypto.randomBytes(32).toString('base64'),
  DATABASE_CLIENT: 'sqlite',
  DATABASE_FILENAME: '.tmp/data.db',
};

const existing = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
const present = new Set(
  existing
    .split('\n')
    .map((line) => line.match(/^\s*([A-Z0-9_]+)\s*=\s*(.*)$/))
    .filter((m) => m && m[2].trim() !== '')
    .map((m) => m[1]),
);
const added = [];
let text = existing && !existing.endsWith('\n') ? `${existing}\n` : existing;
for (const [key, value] of Object.entries(defaults)) {
  if (present.has(key)) continue;
  // An empty "KEY=" line would shadow the default: drop it before appending the real value.
  text = text.replace(new RegExp(`^\\s*${key}\\s*=\\s*$\\n?`, 'm'), '');
  text += `${key}=${typeof value === 'function' ? value() : value}\n`;
  added.push(key);
}
if (added.length) {
  fs.writeFileSync(envFile, text, { mode: 0o600 });
  console.error(`[newsroom] .env: wrote ${added.join(', ')}`);
}
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
