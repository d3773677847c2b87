/**
 * The host app: in development it makes the admin usable at once (a first super admin from
 * documented env defaults, and the seed content). Production never seeds or creates users silently.
 */
import path from 'path';
import fs from 'fs';

const DEV_ADMIN = {
  email: process.env.NEWSROOM_ADMIN_EMAIL || 'admin@newsroom.local',
  password: process.env.NEWSROOM_ADMIN_PASSWORD || 'Newsroom-2026',
  firstname: 'Newsroom',
  lastname: 'Admin',
};

export const SEED_FILE = path.resolve(__dirname, '..', '..', 'database', 'seed', 'newsroom.json');

async function ensureDevAdmin(strapi: any) {
  const users = strapi.admin.services.user;
  if ((await users.count()) > 0) return;
  const superAdmin = await strapi.admin.services.role.getSuperAdmin();
  if (!superAdmin) return;
  await users.create({ ...DEV_ADMIN, isActive: true, roles: [superAdmin.id], registrationToken: null });
  strapi.log.info(
    `[newsroom] development admin created: ${DEV_ADMIN.email} / ${DEV_ADMIN.password} (set NEWSROOM_ADMIN_EMAIL / NEWSROOM_ADMIN_PASSWORD to change)`,
  );
}

/**
 * Stopping `npm run develop` (Ctrl-C) closes the pipe of the parent process first: a last log line
 * then fails with EPIPE. That is the end of the run, not an error worth a stack trace.
 */
function ignoreClosedPipes() {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
      throw err;
    });
  }
}

export default {
  register() {
    ignoreClosedPipes();
  },
  async bootstrap({ strapi }: { strapi: any }) {
    if (process.env.NODE_ENV !== 'development') return;
    await ensureDevAdmin(strapi);
    const seed = strapi.plugin('newsroom').service('seed');
    if (seed.onDevelop() && fs.existsSync(SEED_FILE)) {
      const counts = await seed.load(JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')));
      strapi.log.info(`[newsroom] seed: ${counts.created} created, ${counts.existing} already there`);
    }
  },
};
