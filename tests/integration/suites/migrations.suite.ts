/**
 * The plugin's boot migrations (server/src/setup/migrations): recorded once, atomic, idempotent, and the
 * first real one (every row has a slug) on the database the suite runs on (SQLite and PostgreSQL in CI).
 */
import { strapiInstance } from '../../helpers/strapi';
import { UID, apiToken, rest, rowsOf } from '../../helpers/http';

// The same modules the built plugin runs (the running plugin's copy is bundled into dist/server).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const migrations = require('../../../src/plugins/newsroom/server/src/setup/migrations');

const tableOf = (uid: string) => strapiInstance().db.metadata.get(uid);

/** Clears slugs around every write path, as a raw import or an old backup would leave them. */
async function clearSlugs(uid: string, documentId: string) {
  const meta = tableOf(uid);
  await strapiInstance().db.connection(meta.tableName).where({ document_id: documentId }).update({ slug: null });
}

describe('migrations: run once at boot, atomic, idempotent', () => {
  it('ran and recorded every shipped migration at boot', async () => {
    const applied = await migrations.appliedMigrations(strapiInstance());
    for (const m of migrations.MIGRATIONS) {
      expect(applied[m.id]).toMatchObject({ at: expect.any(String), changed: expect.any(Number) });
    }
    // A second run (another boot) does nothing.
    const again = await migrations.runMigrations(strapiInstance());
    expect(again.ran).toEqual([]);
    expect(again.skipped).toEqual(migrations.MIGRATIONS.map((m: any) => m.id));
  });

  it('runs a pending migration once, and a failing one leaves no trace and stays pending', async () => {
    const strapi = strapiInstance();
    const id = `test-${Date.now()}`;
    let calls = 0;
    const counting = { id, description: 'counts its runs', up: async () => ({ changed: (calls += 1) }) };
    expect((await migrations.runMigrations(strapi, [counting])).ran).toEqual([{ id, changed: 1 }]);
    expect((await migrations.runMigrations(strapi, [counting])).ran).toEqual([]);
    expect(calls).toBe(1);

    const token = await apiToken();
    const doc = (
      await rest('post', '/api/newsroom/news-items?locale=zh-Hans&status=draft', { token, body: { data: { headline: '迁移失败测试', outlet: '中新网' } } })
    ).body.data;
    const failingId = `${id}-fails`;
    const failing = {
      id: failingId,
      description: 'writes, then fails',
      up: async () => {
        await strapi.db.query(UID.newsItem).update({ where: { documentId: doc.documentId }, data: { summary: 'half-done' } });
        throw new Error('boom');
      },
    };
    await expect(migrations.runMigrations(strapi, [failing])).rejects.toThrow('boom');
    const [row] = await rowsOf(UID.newsItem, doc.documentId);
    expect(row.summary).toBeNull();
    expect((await migrations.appliedMigrations(strapi))[failingId]).toBeUndefined();

    await expect(migrations.runMigrations(strapi, [counting, counting])).rejects.toThrow(/used twice/);
  });

  it('0001 gives every row without a slug its document-locale slug or one from its title, and is idempotent', async () => {
    const strapi = strapiInstance();
    const token = await apiToken();
    const title = '迁移补全网址 测试稿件';
    const a = (await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title } } })).body.data;
    await rest('put', `/api/newsroom/articles/${a.documentId}?locale=en`, { token, body: { data: { title: 'Migration slug test' } } });
    const before = await rowsOf(UID.article, a.documentId);
    expect(before).toHaveLength(4); // two locales × draft and published
    const slugs = Object.fromEntries(before.map((r: any) => [r.locale, r.slug]));

    // A second document with the same title and no slug at all: it gets the next free slug.
    const b = (await rest('post', '/api/newsroom/articles?locale=zh-Hans', { token, body: { data: { title } } })).body.data;
    expect(b.slug).toBe(`${slugs['zh-Hans']}-2`);

    await clearSlugs(UID.article, a.documentId);
    await clearSlugs(UID.article, b.documentId);
    // The en published row keeps its slug: its draft takes it back from it.
    const meta = tableOf(UID.article);
    await strapi.db.connection(meta.tableName).where({ document_id: a.documentId, locale: 'en' }).whereNotNull('published_at').update({ slug: slugs.en });

    const m = migrations.MIGRATIONS.find((x: any) => x.id === '0001-slugs-for-every-row');
    const first = await strapi.db.transaction(() => m.up(strapi));
    expect(first.changed).toBeGreaterThanOrEqual(5); // a: zh-Hans ×2, en draft; b: zh-Hans ×2
    const after = await rowsOf(UID.article, a.documentId);
    for (const r of after) expect(r.slug).toBe(slugs[r.locale]);
    const afterB = await rowsOf(UID.article, b.documentId);
    for (const r of afterB) expect(r.slug).toBe(`${slugs['zh-Hans']}-2`);
    const bySlug = await rest('get', `/api/newsroom/articles/by-slug/${slugs['zh-Hans']}?locale=zh-Hans`);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.data.documentId).toBe(a.documentId);

    const second = await strapi.db.transaction(() => m.up(strapi));
    expect(second.changed).toBe(0);
  });
});
