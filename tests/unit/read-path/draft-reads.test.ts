import { draftReadProblems, isDatabaseQueryError, isTokenAuth } from '../../../src/plugins/newsroom/server/src/read-path/public-reads';
import type { ModelShape } from '../../../src/plugins/newsroom/server/src/read-path/public-reads';

const localizations = (target: string) => ({ type: 'relation', target, unstable_virtual: true });
const MODELS: Record<string, ModelShape> = {
  article: {
    attributes: {
      title: { type: 'string' },
      standfirst: { type: 'text' },
      neighbourhood: { type: 'relation', target: 'neighbourhood' },
      relatedNews: { type: 'relation', target: 'news-item' },
      bylines: { type: 'component', component: 'byline' },
      localizations: localizations('article'),
    },
  },
  neighbourhood: { attributes: { name: { type: 'string' }, articles: { type: 'relation', target: 'article' }, localizations: localizations('neighbourhood') } },
  'news-item': { attributes: { headline: { type: 'string' }, articles: { type: 'relation', target: 'article' }, localizations: localizations('news-item') } },
  byline: { attributes: { name: { type: 'string' } } },
};
const check = (query: unknown, max = 1024) => draftReadProblems(query, MODELS.article, (uid) => MODELS[uid], max).map((p) => p.path.join('.'));

describe('draftReadProblems', () => {
  it('lets published-only queries through: own fields, stored relations, operators, populate of localizations', () => {
    expect(check({ filters: { title: { $startsWith: 'a' }, neighbourhood: { name: { $eq: 'x' }, articles: { standfirst: { $null: true } } } } })).toEqual([]);
    expect(check({ filters: { $or: [{ relatedNews: { headline: { $in: ['a', 'b'] } } }, { $not: { title: 'x' } }] } })).toEqual([]);
    expect(check({ sort: ['title:asc', 'neighbourhood.name:desc'], populate: { localizations: true, neighbourhood: { populate: '*' } } })).toEqual([]);
    expect(check({ sort: 'title,relatedNews.headline:asc', populate: ['localizations', 'neighbourhood'] })).toEqual([]);
    expect(check(undefined)).toEqual([]);
  });

  it('refuses localizations in filters at any depth, naming the path', () => {
    expect(check({ filters: { localizations: { standfirst: { $startsWith: 'S' } } } })).toEqual(['filters.localizations']);
    expect(check({ filters: { $or: [{ title: 'x' }, { neighbourhood: { localizations: { name: { $null: true } } } }] } })).toEqual([
      'filters.$or.1.neighbourhood.localizations',
    ]);
    expect(check({ filters: { $not: { relatedNews: { articles: { localizations: { title: 'x' } } } } } })).toEqual([
      'filters.$not.relatedNews.articles.localizations',
    ]);
    // GraphQL's operator spelling (no $) and REST's object-with-index arrays alike.
    expect(check({ filters: { or: { 0: { localizations: { title: { eq: 'S' } } } } } })).toEqual(['filters.or.0.localizations']);
    expect(check({ filters: { title: { $eq: { localizations: 'x' } } } })).toEqual(['filters.title.$eq.localizations']);
  });

  it('refuses localizations in sorts, whatever the spelling', () => {
    expect(check({ sort: 'localizations.title:asc' })).toEqual(['sort.localizations.title']);
    expect(check({ sort: ['title', 'relatedNews.localizations.headline:desc'] })).toEqual(['sort.1.relatedNews.localizations.headline']);
    expect(check({ sort: 'title:asc,localizations.title' })).toEqual(['sort.localizations.title']);
    expect(check({ sort: { neighbourhood: { localizations: { name: 'asc' } } } })).toEqual(['sort.neighbourhood.localizations.name']);
    expect(check({ sort: [{ localizations: { title: 'asc' } }] })).toEqual(['sort.0.localizations.title']);
  });

  it('follows populate into its filters and sorts, relative to the populated model', () => {
    expect(check({ populate: { neighbourhood: { filters: { localizations: { name: 'x' } } } } })).toEqual(['populate.neighbourhood.filters.localizations']);
    expect(check({ populate: { relatedNews: { sort: 'localizations.headline' } } })).toEqual(['populate.relatedNews.sort.localizations.headline']);
    expect(check({ populate: { relatedNews: { populate: { articles: { filters: { localizations: { title: 'x' } } } } } } })).toEqual([
      'populate.relatedNews.populate.articles.filters.localizations',
    ]);
    expect(check({ populate: { neighbourhood: { filters: { name: 'x' }, sort: 'name' } } })).toEqual([]);
  });

  it('refuses an operator where a field must be (the query builder would throw a 500)', () => {
    expect(check({ filters: { $null: 'true' } })).toEqual(['filters.$null']);
    expect(check({ filters: { $or: [{ $notNull: true }] } })).toEqual(['filters.$or.0.$notNull']);
    expect(check({ filters: { neighbourhood: { $null: 'true', name: 'x' } } })).toEqual(['filters.neighbourhood']);
    expect(check({ filters: { neighbourhood: { $null: 'true', $notNull: 'true' } } })).toEqual(['filters.neighbourhood']);
    expect(check({ filters: { $or: { a: { title: 'x' } } } })).toEqual(['filters.$or']);
    expect(check({ filters: { neighbourhood: { $and: [{ $null: true }] } } })).toEqual(['filters.neighbourhood.$and.0.$null']);
    // One operator on a relation (its ids), operators on fields, `$not` of fields: fine.
    expect(check({ filters: { neighbourhood: { $null: 'true' }, relatedNews: { $in: ['1'] }, title: { $not: { $eq: 'x' } }, $not: { title: 'x' } } })).toEqual(
      [],
    );
    expect(check({ filters: { neighbourhood: { $and: [{ name: { $null: true } }] } } })).toEqual([]);
  });

  it('refuses the draft-cohort parameters', () => {
    expect(check({ publicationFilter: 'modified' })).toEqual(['publicationFilter']);
    expect(check({ hasPublishedVersion: 'true' })).toEqual(['hasPublishedVersion']);
  });

  it('refuses filter values and searches longer than the limit', () => {
    expect(check({ filters: { title: { $contains: 'x'.repeat(11) } } }, 10)).toEqual(['filters.title.$contains']);
    expect(check({ filters: { title: { $contains: 'x'.repeat(10) } } }, 10)).toEqual([]);
    expect(check({ filters: { relatedNews: { headline: { $in: ['ok', 'y'.repeat(11)] } } } }, 10)).toEqual(['filters.relatedNews.headline.$in.1']);
    expect(check({ _q: 'z'.repeat(11) }, 10)).toEqual(['_q']);
  });

  it('refuses absurd nesting instead of walking it', () => {
    let deep: Record<string, unknown> = { title: 'x' };
    for (let i = 0; i < 100; i++) deep = { $and: [deep] };
    expect(check({ filters: deep }).length).toBe(1);
  });
});

describe('isTokenAuth', () => {
  it('API tokens only', () => {
    expect(isTokenAuth({ strategy: { name: 'api-token' } })).toBe(true);
    expect(isTokenAuth({ strategy: { name: 'users-permissions' } })).toBe(false);
    expect(isTokenAuth(undefined)).toBe(false);
  });
});

describe('isDatabaseQueryError', () => {
  it('knows SQLite, PostgreSQL and MySQL query errors', () => {
    expect(isDatabaseQueryError({ code: 'SQLITE_ERROR', message: 'LIKE or GLOB pattern too complex' })).toBe(true);
    expect(isDatabaseQueryError({ code: '54001', severity: 'ERROR', routine: 'check_stack_depth' })).toBe(true);
    expect(isDatabaseQueryError({ code: 'ER_PARSE_ERROR', sqlMessage: 'x' })).toBe(true);
    expect(isDatabaseQueryError(new Error('select `t0`.* from `x` - too complex'))).toBe(true);
  });
  it('leaves unreachable databases and other errors alone', () => {
    expect(isDatabaseQueryError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toBe(false);
    expect(isDatabaseQueryError(new Error('nope'))).toBe(false);
    expect(isDatabaseQueryError(null)).toBe(false);
  });
});
