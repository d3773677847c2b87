import { asksForDrafts, graphqlAsksForDrafts, isMalformedUrlPart } from '../../../src/plugins/newsroom/server/src/read-path/public-reads';

describe('asksForDrafts', () => {
  it('lets through an absent status and exactly "published"', () => {
    expect(asksForDrafts({})).toBe(false);
    expect(asksForDrafts(undefined)).toBe(false);
    expect(asksForDrafts({ status: 'published' })).toBe(false);
  });
  it.each([['draft'], ['DRAFT'], ['Draft'], ['drafts'], [''], ['Published'], [' published'], [['draft']], [{ 0: 'draft' }], [null], [['published']]])(
    'refuses status %p',
    (status) => {
      expect(asksForDrafts({ status })).toBe(true);
    },
  );
  it('GraphQL: absent or PUBLISHED only', () => {
    expect(graphqlAsksForDrafts(undefined)).toBe(false);
    expect(graphqlAsksForDrafts('PUBLISHED')).toBe(false);
    for (const v of ['DRAFT', null, 'draft', '', 0]) expect(graphqlAsksForDrafts(v)).toBe(true);
  });
});

describe('isMalformedUrlPart', () => {
  it.each(['%', 'a=%', '%E0%A4%A', '%ZZ', 'x=%FF', '%C0%AF'])('%p is malformed', (part) => {
    expect(isMalformedUrlPart(part)).toBe(true);
  });
  it.each(['', 'a=1', 'a=%25', 'title=%E6%96%87', 'a+b=c', '/api/newsroom/articles'])('%p is fine', (part) => {
    expect(isMalformedUrlPart(part)).toBe(false);
  });
});
