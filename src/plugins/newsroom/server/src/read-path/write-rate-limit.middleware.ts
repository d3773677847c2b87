/**
 * Writes to newsroom content (content API, Content Manager) and GraphQL mutations are limited per
 * writer: a leaked token or a runaway script gets 429s instead of flooding editors' content.
 * The writer is the credential Strapi would authenticate (admin user, API token, end user), checked
 * here before the write the way Strapi's strategies check it; anonymous requests and credentials
 * that do not check out are the address's, in a budget of their own. So a flood of anonymous or
 * invented-token writes spends only that budget, never an editor's or a token's.
 */
import { parse } from 'graphql';
import { WindowCounter, WriterIdentity, bearerToken, hasGraphqlMutation, isNewsroomWritePath, writerKey } from './rate-limit';
import { graphqlRequests } from './graphql-request.strapi';
import { dbQuery } from '../boundary';
import { newsroomConfig } from '../config/options';
import type { Strapi, Context } from '../boundary';

/** How long an API token's identity is remembered (its hash → id), so writes skip the lookup. */
const TOKEN_MEMORY_MS = 60_000;
const TOKEN_MEMORY_MAX = 1000;

interface SessionManager {
  (origin: 'admin'): { validateAccessToken(token: string): { isValid: boolean; payload?: { userId?: string | number } } };
}
interface TokenHasher {
  hash(accessKey: string): string;
}
interface JwtService {
  verify(token: string): Promise<{ id?: string | number } | null | undefined>;
}

function credentials(strapi: Strapi) {
  const apiTokens = new Map<string, { id: string | number; until: number }>();

  /** An admin session's access token: its signature and expiry, as the admin strategy checks them (no database). */
  const adminUser = (token: string): WriterIdentity | null => {
    const manager = (strapi as unknown as { sessionManager?: SessionManager }).sessionManager;
    try {
      const result = manager?.('admin').validateAccessToken(token);
      const userId = result?.isValid ? result.payload?.userId : undefined;
      return userId !== undefined && userId !== null ? { kind: 'admin', id: userId } : null;
    } catch {
      return null;
    }
  };

  /** An API token, by the hash Strapi stores (looked up once, then remembered for a minute). */
  const apiToken = async (token: string): Promise<WriterIdentity | null> => {
    const hasher = strapi.service('admin::api-token-content-api') as unknown as TokenHasher | undefined;
    if (!hasher?.hash) return null;
    const hash = hasher.hash(token);
    const now = Date.now();
    const known = apiTokens.get(hash);
    if (known && known.until > now) return { kind: 'api-token', id: known.id };
    const row = await dbQuery<{ id: number }>(strapi, 'admin::api-token').findOne({ where: { accessKey: hash }, select: ['id'] });
    if (!row) return null;
    apiTokens.delete(hash);
    apiTokens.set(hash, { id: row.id, until: now + TOKEN_MEMORY_MS });
    while (apiTokens.size > TOKEN_MEMORY_MAX) apiTokens.delete(apiTokens.keys().next().value as string);
    return { kind: 'api-token', id: row.id };
  };

  /** A users-permissions end user's JWT. */
  const endUser = async (token: string): Promise<WriterIdentity | null> => {
    const jwt = strapi.plugin('users-permissions')?.service('jwt') as JwtService | undefined;
    try {
      const payload = await jwt?.verify(token);
      return payload?.id !== undefined && payload?.id !== null ? { kind: 'user', id: payload.id } : null;
    } catch {
      return null;
    }
  };

  return async (token: string): Promise<WriterIdentity | null> => adminUser(token) ?? (await apiToken(token)) ?? (await endUser(token));
}

export function writeRateLimit(strapi: Strapi) {
  let counter: WindowCounter | null = null;
  let key = '';
  const graphql = graphqlRequests(strapi);
  const identify = credentials(strapi);

  const isWrite = async (ctx: Context) => {
    if (isNewsroomWritePath(ctx.method, ctx.path)) return true;
    if (ctx.method !== 'POST' || !graphql.isGraphql(ctx)) return false;
    // A multipart GraphQL request is an upload mutation (its body is for graphql-upload to read).
    if (ctx.is('multipart')) return true;
    await graphql.parseBody(ctx);
    return hasGraphqlMutation(ctx.request.body, parse);
  };

  return async (ctx: Context, next: () => Promise<void>) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS') return next();
    const { rateLimit } = newsroomConfig(strapi);
    if (!rateLimit.enabled || !(await isWrite(ctx))) return next();
    const k = `${rateLimit.writesPerWindow}/${rateLimit.windowSeconds}/${rateLimit.maxClients}`;
    if (!counter || key !== k) {
      counter = new WindowCounter(rateLimit.writesPerWindow, rateLimit.windowSeconds * 1000, rateLimit.maxClients);
      key = k;
    }
    const token = bearerToken(ctx.get('authorization'));
    const identity = token ? await identify(token) : null;
    const wait = counter.hit(writerKey(identity, ctx.ip));
    if (wait > 0) {
      ctx.status = 429;
      ctx.set('Retry-After', String(wait));
      ctx.body = { data: null, error: { status: 429, name: 'RateLimitError', message: `Too many writes; retry in ${wait} s`, details: {} } };
      return;
    }
    return next();
  };
}
