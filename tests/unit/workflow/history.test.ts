import { actorFrom, historyEntries } from '../../../src/plugins/newsroom/server/src/workflow/history';

const at = new Date('2026-11-28T10:00:00Z');
const actor = { type: 'admin' as const, id: '1', name: 'Li Editor <li@whb.cn>' };
const draft = (over: object = {}) => ({
  id: 1,
  locale: 'zh-Hans',
  publishedAt: null,
  exclusive: false,
  origin: null,
  embargoUntil: null,
  autoPublish: false,
  slug: 's',
  corrections: [],
  ...over,
});
const pub = (over: object = {}) => ({ ...draft(over), id: 2, publishedAt: '2026-11-28T09:00:00.000Z', ...over });

describe('rights history entries', () => {
  it('records a flip of exclusive once for the document, with who and when', () => {
    expect(historyEntries('d1', [draft()], [draft({ exclusive: true })], actor, at)).toEqual([
      {
        articleDocumentId: 'd1',
        locale: null,
        change: 'exclusive',
        before: false,
        after: true,
        actorType: 'admin',
        actorId: '1',
        actorName: actor.name,
        at: at.toISOString(),
      },
    ]);
  });

  it('records publish, republish and unpublish per locale', () => {
    const published = historyEntries('d1', [draft()], [draft(), pub({ publishedAt: '2026-11-28T10:00:00.000Z' })], actor, at);
    expect(published.map((e) => [e.change, e.locale, e.before, e.after])).toEqual([['publish', 'zh-Hans', null, '2026-11-28T10:00:00.000Z']]);
    // Republishing new content is an event; publishing the same content again (the seed publishes
    // every locale once more after writing them) is not a second "Published".
    const republished = historyEntries('d1', [draft(), pub()], [draft(), pub({ id: 3, title: 'Changed', publishedAt: '2026-11-28T10:00:00.000Z' })], actor, at);
    expect(republished.map((e) => [e.change, e.before])).toEqual([['publish', '2026-11-28T09:00:00.000Z']]);
    const again = historyEntries('d1', [draft(), pub()], [draft(), pub({ id: 3, publishedAt: '2026-11-28T10:00:00.000Z' })], actor, at);
    expect(again).toEqual([]);
    expect(historyEntries('d1', [draft(), pub()], [draft()], actor, at).map((e) => e.change)).toEqual(['unpublish']);
    expect(historyEntries('d1', [draft(), pub()], [draft(), pub()], actor, at)).toEqual([]);
  });

  it('records slug renames, appended corrections, origin and embargo changes', () => {
    const entries = historyEntries(
      'd1',
      [draft({ corrections: [{ date: '2026-11-27T00:00:00Z', text: 'a' }] })],
      [
        draft({
          slug: 't',
          origin: { id: 4, outlet: '中新网' },
          embargoUntil: '2026-12-01T00:00:00Z',
          corrections: [
            { date: '2026-11-27T00:00:00Z', text: 'a' },
            { date: '2026-11-28T10:00:00Z', text: 'b', kind: 'clarification' },
          ],
        }),
      ],
      actor,
      at,
    );
    expect(entries.map((e) => [e.change, e.before, e.after])).toEqual([
      ['origin', null, { outlet: '中新网', url: null, originalDateline: null, originalDate: null }],
      ['embargoUntil', null, '2026-12-01T00:00:00.000Z'],
      ['slug', 's', 't'],
      ['correction', null, { date: '2026-11-28T10:00:00.000Z', kind: 'clarification', text: 'b' }],
    ]);
  });

  it('records only meaningful starting values for a new story', () => {
    expect(historyEntries('d1', [], [draft()], actor, at)).toEqual([]);
    expect(historyEntries('d1', [], [draft({ exclusive: true })], actor, at).map((e) => e.change)).toEqual(['exclusive']);
  });

  it('names admin users, API tokens, end users and the system', () => {
    expect(actorFrom({ auth: { strategy: { name: 'admin' } }, user: { id: 3, firstname: 'Li', lastname: 'Hua', email: 'li@whb.cn' } })).toEqual({
      type: 'admin',
      id: '3',
      name: 'Li Hua <li@whb.cn>',
    });
    expect(actorFrom({ auth: { strategy: { name: 'api-token' }, credentials: { id: 7, name: 'wire desk' } } })).toEqual({
      type: 'api-token',
      id: '7',
      name: 'API token "wire desk"',
    });
    expect(actorFrom({ user: { id: 9, username: 'reader' } })).toEqual({ type: 'user', id: '9', name: 'reader' });
    expect(actorFrom(undefined)).toEqual({ type: 'system', id: null, name: 'system' });
  });
});
