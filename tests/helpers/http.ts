/** HTTP helpers shared by the integration suites: REST, GraphQL, admin and end-user credentials. */
import request from 'supertest';
import type AgentResponse from 'superagent/lib/node/response';
import { bootStrapi, stopStrapi, strapiInstance } from './strapi';

export const UID = {
  article: 'plugin::newsroom.article',
  neighbourhood: 'plugin::newsroom.neighbourhood',
  newsItem: 'plugin::newsroom.news-item',
} as const;

/**
 * One Strapi in this process for the test file: booted before its first test (fresh database),
 * stopped after its last. Register it before any beforeAll that needs Strapi.
 */
export function useStrapi(extraEnv: Record<string, string> = {}) {
  beforeAll(async () => {
    await bootStrapi(extraEnv);
  }, 240_000);
  afterAll(async () => {
    await stopStrapi();
  }, 60_000);
}

export const http = () => request(strapiInstance().server.httpServer);

const auth = (token?: string) => (token ? { Authorization: `Bearer ${token}` } : {});

export function rest(method: 'get' | 'post' | 'put' | 'delete', path: string, opts: { body?: unknown; token?: string } = {}) {
  const req = http()[method](path).set(auth(opts.token));
  return opts.body === undefined ? req : req.send(opts.body as object);
}

/** Creates a document through REST with the full-access token; its `data`, or an error naming the path. */
export async function createVia(path: string, data: Record<string, unknown>) {
  const res = await rest('post', path, { token: await apiToken(), body: { data } });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}

/** A supertest parser that keeps the body as text whatever its type (XML, HTML-safe JSON-LD…): `.buffer(true).parse(asText)`. */
export const asText = (res: AgentResponse, done: (err: Error | null, body: string) => void) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
};

export async function graphql(query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await http().post('/graphql').set(auth(token)).send({ query, variables });
  return res;
}

let fullAccessToken: string | null = null;

/** A full-access API token: what a trusted back end (or our tests) writes with. */
export async function apiToken(): Promise<string> {
  if (fullAccessToken) return fullAccessToken;
  const strapi = strapiInstance();
  const token = await strapi.service('admin::api-token').create({
    name: `tests-${Date.now()}`,
    type: 'full-access',
    lifespan: null,
  });
  fullAccessToken = token.accessKey as string;
  return fullAccessToken;
}

const adminTokens = new Map<string, string>();

/** Creates (once) an admin user with the given role code and returns its admin JWT. */
export async function adminLogin(roleCode = 'strapi-super-admin', email = `${roleCode}@test.local`): Promise<string> {
  const cached = adminTokens.get(email);
  if (cached) return cached;
  const strapi = strapiInstance();
  const password = 'Test-Password-2026';
  if (!(await strapi.admin.services.user.exists({ email }))) {
    const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
    if (!role) throw new Error(`no admin role ${roleCode}`);
    await strapi.admin.services.user.create({
      email,
      password,
      firstname: roleCode,
      lastname: 'Tester',
      isActive: true,
      roles: [role.id],
      registrationToken: null,
    });
  }
  const res = await http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  adminTokens.set(email, res.body.data.token);
  return res.body.data.token;
}

/** A users-permissions end user (role "authenticated") and its JWT. */
export async function endUserJwt(username = 'reader'): Promise<string> {
  const strapi = strapiInstance();
  const up = strapi.plugin('users-permissions');
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  let user = await strapi.db.query('plugin::users-permissions.user').findOne({ where: { username } });
  if (!user) {
    user = await up.service('user').add({
      username,
      email: `${username}@test.local`,
      password: 'Reader-2026',
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: role.id,
    });
  }
  return up.service('jwt').issue({ id: user.id });
}

/** Every stored row behind a document: each locale, draft and published. */
export async function rowsOf(uid: string, documentId: string, populate: string[] = []) {
  return strapiInstance()
    .db.query(uid)
    .findMany({ where: { documentId }, populate, orderBy: [{ locale: 'asc' }, { id: 'asc' }] });
}

export const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
