/** Starts and stops real Strapi server processes (tests/helpers/serve.ts) for multi-instance and load tests. */
import { ChildProcess, spawn } from 'child_process';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Compiles the app once into dist/ so several processes can boot from it without racing. */
export async function compileOnce() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: ROOT });
}

export function startInstance(env: Record<string, string>, timeoutMs = 120_000): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'esbuild-register', path.join(ROOT, 'tests/helpers/serve.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`instance did not start in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /READY (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({
          url: `http://127.0.0.1:${port}`,
          port,
          child,
          output: () => output,
          stop: (signal: NodeJS.Signals = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill(signal);
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!/READY/.test(output)) reject(new Error(`instance exited with ${code}:\n${output}`));
    });
  });
}

/** A super admin and a full-access API token on a fresh database, through the admin HTTP API. */
export async function bootstrapAdmin(url: string): Promise<string> {
  const register = await fetch(`${url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ops@test.local', password: 'Ops-Password-2026', firstname: 'Ops', lastname: 'Tester' }),
  });
  let jwt = (await register.json())?.data?.token;
  if (!jwt) {
    const login = await fetch(`${url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ops@test.local', password: 'Ops-Password-2026' }),
    });
    jwt = (await login.json()).data.token;
  }
  const token = await fetch(`${url}/admin/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ name: `ops-${Date.now()}`, type: 'full-access', lifespan: null, description: '' }),
  });
  const body = await token.json();
  if (!body?.data?.accessKey) throw new Error(`could not create an API token: ${JSON.stringify(body)}`);
  return body.data.accessKey;
}
