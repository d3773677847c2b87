#!/usr/bin/env node
/**
 * `newsroom <command> [options]`, run from the folder of a Strapi 5 app that has the plugin:
 *   newsroom check [--fix] [--json]     report (and with --fix repair) rows that break a newsroom rule
 *   newsroom backup [--out file] [--json]   every newsroom row (all locales, drafts and published) as NDJSON
 *   newsroom import <file|folder>… [--locale zh-Hans] [--dry-run] [--publish] [--json]
 *   newsroom seed [file.json]           load seed content (default database/seed/newsroom.json)
 *   newsroom xliff export --locale en [--stale] [--out folder] | newsroom xliff import <files>   XLIFF for CAT tools
 *   newsroom search <words…> [--locale zh-Hans] [--drafts] [--json] | newsroom search --rebuild
 * Each command boots the app's own Strapi (its config, database and .env), then shuts it down.
 */
/** @type {Record<string, string>} */
const COMMANDS = { backup: './backup', check: './check', import: './import', seed: './seed', search: './search', xliff: './xliff' };

const [command] = process.argv.splice(2, 1);
const help = command === '--help' || command === '-h';
if (!COMMANDS[command]) {
  const out = help ? console.log : console.error;
  if (command && !help) out(`newsroom: unknown command "${command}"`);
  out("usage: newsroom <backup|check|import|seed|search|xliff> [options]   (run it from your Strapi app's folder)");
  out('  newsroom backup [--out file] [--json]');
  out('  newsroom check [--fix] [--json]');
  out('  newsroom import <file|folder>… [--locale zh-Hans] [--dry-run] [--publish] [--json]');
  out('  newsroom seed [file.json]');
  out('  newsroom xliff export --locale en [--stale] [--out folder] [--version 2.1|1.2]');
  out('  newsroom xliff import <file|folder>… [--json]');
  out('  newsroom search <words…> [--locale zh-Hans] [--drafts] [--json]   |   newsroom search --rebuild');
  process.exit(help ? 0 : 2);
}
require(COMMANDS[command]);
