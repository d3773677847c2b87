/**
 * The OpenAPI document is generated from the route table and the schemas: every route is in it
 * with its path parameters, every reference resolves, writes document their errors, and private
 * fields never appear. Checked on the plugin's real schemas and on generated route tables.
 */
import { RouteLike, SchemaLike, buildOpenApi } from '../../../src/plugins/newsroom/server/src/syndication/openapi';
import { KINDS, UIDS } from '../../../src/plugins/newsroom/server/src/content-types/facts';
import { Rng, forEachSeed } from '../../helpers/random';
import { pluginSchemas } from '../../helpers/schemas';

type Doc = ReturnType<typeof buildOpenApi>;
/** The slice of JSON Schema the generator writes. */
interface JsonSchema {
  $ref?: string;
  type?: string;
  description?: string;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}
type Operation = {
  operationId: string;
  parameters: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
};
/** Attribute definitions as generated below (the schema files' own shape). */
type Attribute = { type: string; private?: boolean; maxLength?: number; min?: number; max?: number; enum?: string[]; relation?: string; target?: string };

const { contentTypes, components } = pluginSchemas();
const types = Object.fromEntries(KINDS.map((k) => [UIDS[k], contentTypes[UIDS[k]]])) as Record<string, SchemaLike>;
const PREFIX = '/api/newsroom';

/** Every `$ref` anywhere in a value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  return out;
}

const operation = (doc: Doc, route: RouteLike) =>
  (doc.paths[`${PREFIX}${route.path.replace(/:(\w+)/g, '{$1}')}`] as Record<string, Operation> | undefined)?.[route.method.toLowerCase()];

/** What every document must satisfy for the routes it was built from. */
function expectDescribes(doc: Doc, routes: RouteLike[]) {
  expect(doc.openapi).toBe('3.1.0');
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc); // plain JSON, nothing lost in serving it
  for (const ref of refsIn(doc)) expect({ ref, resolves: ref.replace('#/components/schemas/', '') in doc.components.schemas }).toEqual({ ref, resolves: true });
  const distinct = new Map(routes.map((r) => [`${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`, r]));
  expect(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0)).toBe(distinct.size);
  for (const route of distinct.values()) {
    const op = operation(doc, route);
    const label = `${route.method} ${route.path}`;
    expect({ label, described: !!op }).toEqual({ label, described: true });
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    expect({ label, params: op!.parameters.filter((p) => p.in === 'path').map((p) => [p.name, p.required]) }).toEqual({
      label,
      params: pathParams.map((name) => [name, true]),
    });
    const isWrite = route.method === 'POST' || route.method === 'PUT';
    expect({ label, body: !!op!.requestBody, errors: ['400', '413', '429'].filter((c) => c in op!.responses) }).toEqual({
      label,
      body: isWrite,
      errors: isWrite ? ['400', '413', '429'] : [],
    });
    expect(op!.operationId).toMatch(/^\w+$/);
  }
}

describe('OpenAPI from the plugin’s real schemas', () => {
  const routes: RouteLike[] = [
    { method: 'GET', path: '/articles', handler: `${UIDS.article}.find` },
    { method: 'GET', path: '/articles/:id', handler: `${UIDS.article}.findOne` },
    { method: 'POST', path: '/articles', handler: `${UIDS.article}.create` },
    { method: 'PUT', path: '/articles/:id', handler: `${UIDS.article}.update` },
    { method: 'DELETE', path: '/articles/:id', handler: `${UIDS.article}.delete` },
    { method: 'GET', path: '/neighbourhoods/by-slug/:slug', handler: `${UIDS.neighbourhood}.bySlug` },
    { method: 'GET', path: '/news-items', handler: `${UIDS['news-item']}.find` },
    { method: 'GET', path: '/openapi.json', handler: 'newsroom.openapi' },
    { method: 'GET', path: '/feeds/:file', handler: 'feeds.feed' },
  ];
  const doc = buildOpenApi(routes, types, components as Record<string, SchemaLike>);

  it('describes every route, and every reference resolves', () => {
    expect(Object.keys(types)).toHaveLength(KINDS.length);
    expectDescribes(doc, routes);
  });

  it('has a schema per content type and component, with every public attribute and no private one', () => {
    const schemas = doc.components.schemas as Record<string, { properties: Record<string, unknown> }>;
    const all = [...Object.values(types), ...Object.values(components)];
    expect(Object.keys(schemas)).toHaveLength(all.length);
    for (const [uid, schema] of [...Object.entries(types), ...Object.entries(components)]) {
      const found = Object.values(schemas).find((s) =>
        Object.keys(schema.attributes)
          .filter((a) => !schema.attributes[a].private)
          .every((a) => a in s.properties),
      );
      expect({ uid, found: !!found }).toEqual({ uid, found: true });
      for (const [name, attr] of Object.entries(schema.attributes))
        if (attr.private) for (const s of Object.values(schemas)) expect(Object.keys(s.properties)).not.toContain(name);
    }
  });

  it('lists return arrays of the entity, details the entity; the neighbourhood documents its computed figures', () => {
    const data = (route: RouteLike) => operation(doc, route)!.responses['200'].content!['application/json'].schema.properties!.data;
    const [list, one] = [data(routes[0]), data(routes[1])];
    expect(list).toEqual({ type: 'array', items: one });
    expect(one.$ref).toMatch(/Article$/);
    const hood = Object.entries(doc.components.schemas).find(([name]) => /Neighbourhood$/.test(name))![1] as JsonSchema;
    expect(hood.properties!.figures.description).toMatch(/never stored/);
  });
});

describe('OpenAPI from generated route tables and schemas', () => {
  const SCALAR_TYPES = ['string', 'text', 'integer', 'float', 'boolean', 'datetime', 'enumeration', 'json', 'blocks', 'uid'];

  function generatedTypes(rng: Rng) {
    const uids = ['plugin::newsroom.alpha', 'plugin::newsroom.beta-item', 'plugin::newsroom.gamma'].slice(0, rng.between(1, 3));
    const comps = ['newsroom.part', 'newsroom.other-part'].slice(0, rng.int(3));
    const attrs = (): Record<string, Attribute | { type: 'component'; component: string; repeatable: boolean }> => {
      const out: Record<string, Attribute | { type: 'component'; component: string; repeatable: boolean }> = {};
      for (let i = 0; i < rng.between(1, 6); i += 1) {
        const type = rng.pick([...SCALAR_TYPES, 'relation', 'component']);
        if (type === 'relation') out[`rel${i}`] = { type, relation: rng.pick(['manyToOne', 'manyToMany', 'oneToMany']), target: rng.pick(uids) };
        else if (type === 'component' && comps.length) out[`comp${i}`] = { type, component: rng.pick(comps), repeatable: rng.bool() };
        else
          out[`f${i}`] = {
            type: type === 'component' ? 'string' : type,
            ...(type === 'enumeration' ? { enum: ['a', 'b'] } : {}),
            ...(rng.bool(0.3) ? { maxLength: rng.between(1, 200) } : {}),
            ...(type === 'integer' && rng.bool() ? { min: 0, max: rng.between(1, 100) } : {}),
            ...(rng.bool(0.2) ? { private: true } : {}),
          };
      }
      return out;
    };
    const schema = (name: string) => ({ info: { displayName: name }, attributes: attrs() });
    return { uids, types: Object.fromEntries(uids.map((u) => [u, schema(u)])), components: Object.fromEntries(comps.map((c) => [c, schema(c)])) };
  }

  it('every route described with its path parameters; every reference resolves; limits carried over (200 seeds)', () => {
    forEachSeed(200, (rng) => {
      const { uids, types: t, components: c } = generatedTypes(rng);
      const routes: RouteLike[] = Array.from({ length: rng.between(1, 12) }, () => {
        const segments = Array.from({ length: rng.between(1, 4) }, () => rng.pick(['things', 'by-slug', ':id', ':slug', 'jsonld', 'x-y']));
        const uid = rng.bool(0.8) ? rng.pick(uids) : 'other';
        return {
          method: rng.pick(['GET', 'POST', 'PUT', 'DELETE']),
          path: `/${segments.join('/')}`,
          handler: `${uid}.${rng.pick(['find', 'findOne', 'create', 'bySlug'])}`,
        };
      });
      const doc = buildOpenApi(routes, t, c);
      expectDescribes(doc, routes);
      for (const [uid, s] of Object.entries(t)) {
        const name = Object.keys(doc.components.schemas).find((n) => n.toLowerCase() === uid.split('.').pop()!.replace(/-/g, ''))!;
        const props = (doc.components.schemas[name] as JsonSchema).properties!;
        for (const [field, attr] of Object.entries(s.attributes as Record<string, Attribute>)) {
          if (attr.private) expect(props).not.toHaveProperty(field);
          else {
            if (attr.maxLength) expect(props[field].maxLength).toBe(attr.maxLength);
            if (attr.max !== undefined) expect([props[field].minimum, props[field].maximum]).toEqual([attr.min, attr.max]);
            if (attr.enum) expect(props[field].enum).toEqual(attr.enum);
            if (attr.type === 'relation') expect(props[field].type === 'array').toBe(attr.relation!.endsWith('ToMany'));
          }
        }
      }
    });
  });
});
