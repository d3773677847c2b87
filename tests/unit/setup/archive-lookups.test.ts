/** The pure halves of migration 0003's lookups and of `newsroom backup`. */
import { previousSlugIndexSql, previousSlugLookupSql } from '../../../src/plugins/newsroom/server/src/setup/indexes';
import { backupLine, backupPopulate, ndjson } from '../../../src/plugins/newsroom/server/src/backup/backup';

const columns = { documentId: 'document_id', locale: 'locale', publishedAt: 'published_at', previousSlugs: 'previous_slugs' };

describe('old-slug lookups', () => {
  it('asks PostgreSQL for JSON containment (the GIN index), with the slug as a bound JSON list', () => {
    const s = previousSlugLookupSql('postgres', 'newsroom_articles', columns, 'en', 'a"b');
    expect(s?.sql).toContain('@> CAST(? AS jsonb)');
    expect(s?.bindings.at(-1)).toBe(JSON.stringify(['a"b']));
  });

  it('reads the renamed rows on SQLite (either driver name) with json_each, the slug bound', () => {
    for (const client of ['sqlite', 'better-sqlite3']) {
      const s = previousSlugLookupSql(client, 'newsroom_articles', columns, 'en', "x' OR 1=1");
      expect(s?.sql).toContain('json_each');
      expect(s?.sql).not.toContain('OR 1=1');
      expect(s?.bindings.at(-1)).toBe("x' OR 1=1");
    }
  });

  it('has no statement (and no index) where the JSON operators differ (MySQL)', () => {
    expect(previousSlugLookupSql('mysql', 'newsroom_articles', columns, 'en', 'x')).toBeNull();
    expect(previousSlugIndexSql('mysql', 'i', 't', ['locale', 'published_at', 'previous_slugs'])).toBeNull();
  });

  it('indexes old slugs with GIN on PostgreSQL and as a partial index of renamed rows on SQLite', () => {
    expect(previousSlugIndexSql('postgres', 'i', 't', ['locale', 'published_at', 'previous_slugs'])?.sql).toContain('USING gin');
    expect(previousSlugIndexSql('sqlite', 'i', 't', ['locale', 'published_at', 'previous_slugs'])?.sql).toContain('WHERE ?? IS NOT NULL');
  });
});

describe('backup lines', () => {
  it('populates components and dynamic zones whole, relations and media as links', () => {
    expect(
      backupPopulate({
        title: { type: 'string' },
        bylines: { type: 'component' },
        blocks: { type: 'dynamiczone' },
        neighbourhood: { type: 'relation', relation: 'manyToOne' },
        image: { type: 'media' },
      }),
    ).toEqual({ bylines: true, blocks: true, neighbourhood: { select: ['id', 'documentId'] }, image: { select: ['id', 'documentId'] } });
  });

  it('writes one JSON line per row with its identity and status', () => {
    const line = backupLine('plugin::newsroom.article', { id: 3, documentId: 'd', locale: 'en', publishedAt: null, title: 'a\nb' }, true);
    expect(line).toMatchObject({ uid: 'plugin::newsroom.article', id: 3, documentId: 'd', locale: 'en', status: 'draft' });
    const text = ndjson(line);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(backupLine('plugin::newsroom.delivery', { id: 1 }, false).status).toBeNull();
  });
});
