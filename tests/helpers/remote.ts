/** HTTP helpers against a Strapi in another process (Node's fetch): browser, multi-instance and load tests. */

export async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    ...init,
    headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) },
  });
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** An admin JWT through POST /admin/login. */
export async function adminToken(base: string, email: string, password: string): Promise<string> {
  const { status, body } = await json(`${base}/admin/login`, { method: 'POST', body: JSON.stringify({ email, password }) });
  if (status !== 200) throw new Error(`admin login failed for ${email}: ${status} ${JSON.stringify(body)}`);
  return body.data.token;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export async function findRole(base: string, token: string, code: string): Promise<{ id: number; code: string; name: string } | null> {
  const { status, body } = await json(`${base}/admin/roles`, { headers: bearer(token) });
  if (status !== 200) throw new Error(`GET /admin/roles: ${status} ${JSON.stringify(body)}`);
  return (body.data as any[]).find((r) => r.code === code) ?? null;
}

/**
 * Creates an admin user the way the admin panel does: the super admin invites it with a role
 * (POST /admin/users → registration token), then the user registers with a password (POST /admin/register).
 */
export async function createAdminUser(
  base: string,
  token: string,
  user: { email: string; password: string; firstname: string; lastname: string; roleId: number },
) {
  const invite = await json(`${base}/admin/users`, {
    method: 'POST',
    headers: bearer(token),
    body: JSON.stringify({ email: user.email, firstname: user.firstname, lastname: user.lastname, roles: [user.roleId] }),
  });
  // A server reused across runs (E2E_BASE_URL) already has the user.
  if (invite.status === 400 && /already taken/i.test(JSON.stringify(invite.body))) return null;
  if (invite.status !== 201 && invite.status !== 200) throw new Error(`POST /admin/users: ${invite.status} ${JSON.stringify(invite.body)}`);
  const registrationToken = invite.body.data.registrationToken;
  const register = await json(`${base}/admin/register`, {
    method: 'POST',
    body: JSON.stringify({
      registrationToken,
      userInfo: { firstname: user.firstname, lastname: user.lastname, password: user.password },
    }),
  });
  if (register.status !== 200) throw new Error(`POST /admin/register: ${register.status} ${JSON.stringify(register.body)}`);
  return register.body.data.user;
}

/** One locale's draft of a document through the Content Manager API (admin JWT). */
export async function cmDocument(base: string, token: string, uid: string, documentId: string, locale: string) {
  const { status, body } = await json(`${base}/content-manager/collection-types/${uid}/${documentId}?locale=${encodeURIComponent(locale)}`, {
    headers: bearer(token),
  });
  return { status, data: body?.data ?? null, body };
}

/** Public REST (published content only). */
export async function rest(base: string, path: string) {
  return json(`${base}${path}`);
}

/**
 * A super admin and a full-access API token on a fresh database, through the admin HTTP API (on a
 * database that already has the admin, it logs in instead). Returns the token's access key.
 */
export async function bootstrapAdmin(base: string): Promise<string> {
  const ops = { email: 'ops@test.local', password: 'Ops-Password-2026' };
  const registered = await json(`${base}/admin/register-admin`, { method: 'POST', body: JSON.stringify({ ...ops, firstname: 'Ops', lastname: 'Tester' }) });
  const jwt: string = registered.body?.data?.token ?? (await adminToken(base, ops.email, ops.password));
  const created = await json(`${base}/admin/api-tokens`, {
    method: 'POST',
    headers: bearer(jwt),
    body: JSON.stringify({ name: `ops-${Date.now()}`, type: 'full-access', lifespan: null, description: '' }),
  });
  if (!created.body?.data?.accessKey) throw new Error(`could not create an API token: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.data.accessKey;
}
