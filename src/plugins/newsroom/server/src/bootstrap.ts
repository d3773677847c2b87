import { NewsroomConfig, fallbackLocales, rulesFingerprint } from './config/schema';
import { subscribeSafetyNet } from './enforcement/safety-net.lifecycles';
import { installFrontDoor, readPathMiddleware } from './read-path/front-door.middleware';
import { releaseBootLock } from './setup/boot-lock.strapi';
import { writeRateLimit } from './read-path/write-rate-limit.middleware';
import { newsroomConfig, getService } from './boundary';
import type { Strapi } from './boundary';
import { runMigrations } from './setup/migrations';

export default async ({ strapi }: { strapi: Strapi }) => {
  try {
    await boot(strapi);
  } finally {
    // Taken before Strapi's schema sync (wiring/boot-lock): one instance boots at a time.
    await releaseBootLock(strapi);
  }
};

/**
 * Writes are enforced as they happen; what can leave stored rows out of line is a change of the
 * configured texts. So boot reconciles when the rule-relevant config differs from the one last
 * reconciled (stored in Strapi's core store): once per change, not once per instance.
 */
async function reconcileIfRulesChanged(strapi: Strapi, config: NewsroomConfig) {
  const fingerprint = rulesFingerprint(config);
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const last = (await store.get({ key: 'reconciled' })) as { fingerprint?: string; at?: string } | null;
  if (last?.fingerprint === fingerprint) {
    strapi.log.info(`[newsroom] reconciliation: rules unchanged since ${last.at}, skipped`);
    return;
  }
  const { checked, fixed } = await getService(strapi, 'rules').audit({ fix: true });
  await store.set({ key: 'reconciled', value: { fingerprint, at: new Date().toISOString(), checked, fixed } });
  strapi.log.info(`[newsroom] reconciliation: ${checked} rows checked, ${fixed} brought in line`);
}

const READ_PATH = 'plugin::newsroom.read-path';

/**
 * The read path belongs in front of Strapi's middlewares (config/middlewares.ts, listed first).
 * An app that has not listed it still gets it, behind the stack: correct, only slower on hits.
 */
function mountReadPath(strapi: Strapi) {
  if (newsroomConfig(strapi).readPath.enabled) installFrontDoor(strapi);
  const listed = strapi.config
    .get<Array<string | { name?: string }>>('middlewares', [])
    .some((m) => m === READ_PATH || (typeof m === 'object' && m?.name === READ_PATH));
  if (listed) return;
  strapi.log.info(`[newsroom] '${READ_PATH}' is not in config/middlewares.ts: mounted after Strapi's middlewares (list it first for fast cache hits)`);
  strapi.server.use(readPathMiddleware(strapi));
}

async function boot(strapi: Strapi) {
  const config = newsroomConfig(strapi);
  subscribeSafetyNet(strapi);
  mountReadPath(strapi);
  if (config.readPath.enabled) {
    // After the read path (cached answers need no database): write limits, then the outage check.
    const health = getService(strapi, 'database-health');
    health.start();
    strapi.server.use(writeRateLimit(strapi));
    strapi.server.use(health.middleware());
  }
  await getService(strapi, 'read-cache').start();
  // Revoking a public permission must not leave its answers in the cache.
  strapi.db.lifecycles.subscribe({
    models: ['plugin::users-permissions.permission'],
    afterCreate: () => getService(strapi, 'read-cache').invalidate('*'),
    afterDelete: () => getService(strapi, 'read-cache').invalidate('*'),
    afterDeleteMany: () => getService(strapi, 'read-cache').invalidate('*'),
  });

  for (const [name, map] of [
    ['reprintNotice', config.reprintNotice],
    ['creditFormat', config.creditFormat],
  ] as const) {
    const fallbacks = fallbackLocales(config, map);
    if (fallbacks.length) strapi.log.warn(`[newsroom] ${name}: ${fallbacks.join(', ')} fall back to ${config.defaultLocale}`);
  }

  await getService(strapi, 'setup').ensureLocales();
  await getService(strapi, 'setup').ensurePublicPermissions();
  await getService(strapi, 'roles').ensureRoles();
  await runMigrations(strapi);
  await reconcileIfRulesChanged(strapi, config);
  // The embargo auto-publisher (state only in the database; every instance runs it, one publishes).
  getService(strapi, 'scheduler').start();
  // Signed deliveries to partners, sent after the write commits (never during an editor's save).
  getService(strapi, 'partners').start();
}
