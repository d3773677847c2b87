import { buildSchema, parse } from 'graphql';
import { documentAsksForDrafts, listSize, operationCost } from '../../../src/plugins/newsroom/server/src/read-path/graphql-cost';

const schema = buildSchema(`
  enum PublicationStatus { DRAFT PUBLISHED }
  input PaginationArg { limit: Int pageSize: Int page: Int start: Int }
  type Article { title: String relatedNews(pagination: PaginationArg): [NewsItem]! }
  type NewsItem { headline: String articles(pagination: PaginationArg): [Article]! }
  type ArticleEntityResponseCollection { nodes: [Article!]! }
  type Query {
    articles(status: PublicationStatus, pagination: PaginationArg): [Article]!
    articles_connection(status: PublicationStatus, pagination: PaginationArg): ArticleEntityResponseCollection
    article(id: ID, status: PublicationStatus): Article
  }
`);
const limits = { defaultListSize: 25, maxListSize: 100 };
const cost = (q: string, variables = {}) => operationCost(schema, parse(q), variables, undefined, limits);

describe('listSize', () => {
  it('uses the limit asked for, the default, or the maximum', () => {
    expect(listSize({}, limits)).toBe(25);
    expect(listSize({ pagination: { limit: 10 } }, limits)).toBe(10);
    expect(listSize({ pagination: { pageSize: 1000 } }, limits)).toBe(100);
    expect(listSize({ pagination: { limit: -1 } }, limits)).toBe(100);
    expect(listSize({ pagination: { limit: 0 } }, limits)).toBe(1);
  });
});

describe('operationCost', () => {
  it('multiplies nested lists by their sizes', () => {
    expect(cost('{ article { title } }')).toBe(2);
    expect(cost('{ articles(pagination: { limit: 10 }) { title } }')).toBe(1 + 10 * 1);
    expect(cost('{ articles(pagination: { limit: 10 }) { relatedNews(pagination: { limit: 5 }) { headline } } }')).toBe(1 + 10 * (1 + 5 * 1));
  });

  it('counts a connection once per item, not twice', () => {
    expect(cost('{ articles_connection(pagination: { limit: 10 }) { nodes { title } } }')).toBe(1 + 10 * (1 + 1));
  });

  it('expands fragments: a spread used N times costs N times', () => {
    const once = cost('{ articles(pagination: { limit: 10 }) { ...F } } fragment F on Article { relatedNews { headline } }');
    const four = cost(
      '{ articles(pagination: { limit: 10 }) { a: relatedNews { ...N } b: relatedNews { ...N } c: relatedNews { ...N } d: relatedNews { ...N } } } fragment N on NewsItem { headline }',
    );
    expect(four).toBeGreaterThan(3 * once);
  });

  it('reads limits from variables', () => {
    expect(cost('query($n: Int) { articles(pagination: { limit: $n }) { title } }', { n: 3 })).toBe(4);
  });
});

describe('documentAsksForDrafts', () => {
  const asks = (q: string, v = {}) => documentAsksForDrafts(parse(q), v);
  it('sees literals, variables, defaults, nulls and fragments', () => {
    expect(asks('{ articles { title } }')).toBe(false);
    expect(asks('{ articles(status: PUBLISHED) { title } }')).toBe(false);
    expect(asks('{ articles(status: DRAFT) { title } }')).toBe(true);
    expect(asks('query($s: PublicationStatus) { articles(status: $s) { title } }', { s: 'DRAFT' })).toBe(true);
    expect(asks('query($s: PublicationStatus) { articles(status: $s) { title } }', { s: null })).toBe(true);
    expect(asks('query($s: PublicationStatus) { articles(status: $s) { title } }', {})).toBe(false);
    expect(asks('query($s: PublicationStatus = DRAFT) { articles(status: $s) { title } }', {})).toBe(true);
    expect(asks('query { ...F } fragment F on Query { article(status: DRAFT) { title } }')).toBe(true);
  });
});
