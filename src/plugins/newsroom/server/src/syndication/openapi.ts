/**
 * OpenAPI 3.1 description of the newsroom's content API, generated from the route table and the
 * content-type schemas, so the contract cannot drift from what is served.
 */
export interface RouteLike {
  method: string;
  path: string;
  handler: string | unknown;
}
/** The parts of a content-type or component attribute the description reads. */
export interface AttributeLike {
  type: string;
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  enum?: string[];
  maxLength?: number;
  min?: number;
  max?: number;
  private?: boolean;
}
export interface SchemaLike {
  info: { displayName: string; description?: string };
  attributes: Record<string, AttributeLike>;
}

const SCALARS: Record<string, object> = {
  string: { type: 'string' },
  text: { type: 'string' },
  uid: { type: 'string' },
  email: { type: 'string', format: 'email' },
  richtext: { type: 'string' },
  enumeration: { type: 'string' },
  integer: { type: 'integer' },
  biginteger: { type: 'string' },
  float: { type: 'number' },
  decimal: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
  time: { type: 'string' },
  json: {},
  blocks: { type: 'array', items: { type: 'object' } },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemaName = (uid: string) =>
  uid
    .split('.')
    .pop()!
    .replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

function attributeSchema(attr: AttributeLike): object {
  if (attr.type === 'relation')
    return attr.relation!.endsWith('ToMany') ? { type: 'array', items: ref(schemaName(attr.target!)) } : ref(schemaName(attr.target!));
  if (attr.type === 'component') {
    const item = ref(`Component${schemaName(attr.component!)}`);
    return attr.repeatable ? { type: 'array', items: item } : item;
  }
  const base: Record<string, unknown> = { ...(SCALARS[attr.type] ?? {}) };
  if (attr.enum) base.enum = attr.enum;
  if (attr.maxLength) base.maxLength = attr.maxLength;
  if (attr.min !== undefined) base.minimum = attr.min;
  if (attr.max !== undefined) base.maximum = attr.max;
  return base;
}

const objectSchema = (s: { attributes: Record<string, AttributeLike>; info?: { description?: string } }, extra: Record<string, object> = {}) => ({
  type: 'object',
  description: s.info?.description,
  properties: {
    documentId: { type: 'string' },
    ...Object.fromEntries(
      Object.entries(s.attributes)
        .filter(([, a]) => !a.private)
        .map(([k, a]) => [k, attributeSchema(a)]),
    ),
    ...extra,
  },
});

const QUERY = [
  { name: 'locale', in: 'query', schema: { type: 'string', example: 'zh-Hans' }, description: 'zh-Hans (default) or en' },
  { name: 'status', in: 'query', schema: { type: 'string', enum: ['published', 'draft'] }, description: 'draft needs an API token' },
  { name: 'populate', in: 'query', schema: { type: 'string' }, description: 'e.g. populate[bylines]=true' },
  { name: 'filters', in: 'query', style: 'deepObject', schema: { type: 'object' }, description: 'e.g. filters[slug][$eq]=…' },
  { name: 'pagination', in: 'query', style: 'deepObject', schema: { type: 'object' }, description: 'pageSize is capped at 100' },
];

export function buildOpenApi(routes: RouteLike[], types: Record<string, SchemaLike>, components: Record<string, SchemaLike>, prefix = '/api/newsroom') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const handler = String(route.handler);
    const path = `${prefix}${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const uid = Object.keys(types).find((u) => handler.startsWith(`${u}.`));
    const action = handler.split('.').pop()!;
    const entity = uid ? ref(schemaName(uid)) : { type: 'object' };
    const isList = action === 'find';
    const isWrite = ['POST', 'PUT'].includes(route.method);
    (paths[path] ??= {})[route.method.toLowerCase()] = {
      operationId: handler.replace(/^plugin::newsroom\./, '').replace(/[^\w]+/g, '_'),
      summary: `${action}${uid ? ` ${types[uid].info.displayName}` : ''}`,
      parameters: [...params, ...(route.method === 'GET' || isWrite ? QUERY.slice(0, isList ? 5 : 3) : QUERY.slice(0, 1))],
      ...(isWrite ? { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { data: entity } } } } } } : {}),
      responses: {
        200: {
          description: 'OK',
          content: {
            'application/json': {
              schema: uid
                ? { type: 'object', properties: { data: isList ? { type: 'array', items: entity } : entity, meta: { type: 'object' } } }
                : { type: 'object' },
            },
          },
        },
        ...(isWrite ? { 400: { description: 'ValidationError naming the fields; nothing was written' } } : {}),
        403: { description: 'Forbidden (drafts without an API token, writes without permission)' },
        404: { description: 'Not found' },
        ...(isWrite ? { 413: { description: 'Body too large' }, 429: { description: 'Too many writes (Retry-After)' } } : {}),
      },
    };
  }
  const schemas: Record<string, unknown> = {};
  for (const [uid, s] of Object.entries(types)) {
    schemas[schemaName(uid)] = objectSchema(
      s,
      uid.endsWith('neighbourhood')
        ? {
            figures: {
              type: 'object',
              description: 'Computed, never stored: occupancyRate, estimatedTenantHouseholds, estimatedElderlyHouseholds, vacantHouseholds',
            },
          }
        : {},
    );
  }
  for (const [uid, s] of Object.entries(components)) schemas[`Component${schemaName(uid)}`] = objectSchema(s);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Newsroom content API',
      version: '1.0.0',
      description: 'Articles, neighbourhood profiles and related news, bilingual, with enforced reprint notices and source credits.',
    },
    paths,
    components: {
      schemas,
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token (drafts, writes) or users-permissions JWT' } },
    },
  };
}
