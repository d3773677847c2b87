import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { documentGateProblem, expandedCounts, queryLimitsRule } from '../../../src/plugins/newsroom/server/src/read-path/graphql-limits';
import { operationCost } from '../../../src/plugins/newsroom/server/src/read-path/graphql-cost';

const schema = buildSchema(`
  input PaginationArg { limit: Int }
  type Article { title: String relatedNews(pagination: PaginationArg): [NewsItem]! }
  type NewsItem { headline: String articles(pagination: PaginationArg): [Article]! }
  union Morph = Article | NewsItem
  type Query { articles(pagination: PaginationArg): [Article]! newsItems(pagination: PaginationArg): [NewsItem]! }
`);

/** F(i) { ...F(i-1) ×spreads }: 2^n fields once expanded, n lines of text. */
function bomb(levels: number, spreads = 2, on = 'NewsItem') {
  let doc = `query { newsItems { ...F${levels} } }\nfragment F0 on ${on} { headline }\n`;
  for (let i = 1; i <= levels; i += 1) doc += `fragment F${i} on ${on} { ${Array.from({ length: spreads }, () => `...F${i - 1}`).join(' ')} }\n`;
  return doc;
}

const cpuMs = (f: () => void) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

describe('documentGateProblem', () => {
  const gate = { maxDocumentBytes: 1000, maxFragmentSpreads: 5 };
  it('refuses a document over the size, counted in UTF-8 bytes', () => {
    expect(documentGateProblem(`{ articles { title } } # ${'x'.repeat(990)}`, gate)).toMatch(/bytes; at most 1000/);
    expect(documentGateProblem(`{ articles { title } } # ${'字'.repeat(330)}`, gate)).toMatch(/bytes/);
    expect(documentGateProblem(`{ articles { title } } # ${'字'.repeat(300)}`, gate)).toBeNull();
  });

  it('refuses more fragment spreads than allowed; inline fragments, strings and comments are not spreads', () => {
    // 1 + 2 × 3 = 7 spreads
    expect(documentGateProblem(bomb(3), { ...gate, maxFragmentSpreads: 7 })).toBeNull();
    expect(documentGateProblem(bomb(3), { ...gate, maxFragmentSpreads: 6 })).toMatch(/more than 6 fragment spreads/);
    const inline = `{ newsItems { ${'... on NewsItem { headline } '.repeat(20)} } } # ...F ...F ...F ...F ...F ...F`;
    expect(documentGateProblem(inline, gate)).toBeNull();
    expect(documentGateProblem(`{ articles(filter: "...A ...B ...C ...D ...E ...F") { title } }`, gate)).toBeNull();
  });

  it('leaves text that does not lex to the parser', () => {
    expect(documentGateProblem('{ "unterminated', gate)).toBeNull();
  });
});

describe('counts through fragments are memoised: linear in the text', () => {
  it('counts every expanded field and alias', () => {
    const [counts] = expandedCounts(parse('{ articles { ...A ...A } } fragment A on Article { t: title relatedNews { headline } }'));
    expect(counts).toEqual({ fields: 1 + 2 * 3, aliases: 2 });
  });

  it('a 2^40 expansion is counted (and priced) in milliseconds', () => {
    const doc = parse(bomb(40));
    let counts: ReturnType<typeof expandedCounts> = [];
    expect(cpuMs(() => (counts = expandedCounts(doc)))).toBeLessThan(1000);
    expect(counts[0].fields).toBe(1 + 2 ** 40);
    let cost = 0;
    expect(cpuMs(() => (cost = operationCost(schema, doc, {}, undefined, { defaultListSize: 25, maxListSize: 100 })))).toBeLessThan(1000);
    expect(cost).toBe(1 + 25 * 2 ** 40);
  });

  it('refuses over the limits with GRAPHQL_VALIDATION_FAILED', () => {
    const rule = queryLimitsRule({ maxAliases: 3, maxFields: 100 });
    const aliases = validate(schema, parse('{ articles { ...A ...A } } fragment A on Article { a: title b: title }'), [...specifiedRules, rule]);
    expect(aliases.map((e) => [e.message, e.extensions.code])).toEqual([
      ['Query uses more than 3 aliases; split it into smaller queries', 'GRAPHQL_VALIDATION_FAILED'],
    ]);
    const fields = validate(schema, parse(bomb(8)), [rule]);
    expect(fields[0].message).toMatch(/more than 100 fields/);
  });
});

describe('cost over unions: the dearest member, each fragment priced once', () => {
  const limits = { defaultListSize: 10, maxListSize: 100 };
  it('takes the most expensive possible type, not the sum', () => {
    const q = `{ articles(pagination: { limit: 1 }) { ...M } }
      fragment M on Morph { ... on Article { title } ... on NewsItem { headline articles(pagination: { limit: 5 }) { title } } }`;
    // Articles select only the Article branch: 1 + 1 × 1.
    expect(operationCost(schema, parse(q), {}, undefined, limits)).toBe(2);
    const u = `{ newsItems(pagination: { limit: 1 }) { ...M } }
      fragment M on Morph { ... on Article { title } ... on NewsItem { headline articles(pagination: { limit: 5 }) { title } } }`;
    expect(operationCost(schema, parse(u), {}, undefined, limits)).toBe(1 + (1 + (1 + 5)));
  });

  it('a bomb through union fragments is priced in milliseconds', () => {
    let doc = 'query { newsItems { ...U30 } } fragment U0 on Morph { ... on NewsItem { headline } }\n';
    for (let i = 1; i <= 30; i += 1) doc += `fragment U${i} on Morph { ... on NewsItem { ...U${i - 1} ...U${i - 1} } }\n`;
    let cost = 0;
    expect(cpuMs(() => (cost = operationCost(schema, parse(doc), {}, undefined, limits)))).toBeLessThan(1000);
    expect(cost).toBe(1 + 10 * 2 ** 30);
  });

  it('honours @skip and @include', () => {
    expect(
      operationCost(schema, parse('query($s: Boolean!) { articles { title relatedNews @skip(if: $s) { headline } } }'), { s: true }, undefined, limits),
    ).toBe(1 + 10);
  });
});
