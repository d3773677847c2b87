/**
 * The ceiling for a cache hit: a bare Node `http` server that answers each benchmarked path with
 * the exact status, headers and bytes the warm Strapi server sent for it (captured by run.ts into
 * the JSON file named by BENCH_CEILING_FILE). Nothing else runs in this process. Listens on
 * 127.0.0.1:PORT; stops on SIGTERM or when its parent's IPC channel closes.
 */
'use strict';
const fs = require('fs');
const http = require('http');

const answers = new Map();
for (const [url, a] of Object.entries(JSON.parse(fs.readFileSync(process.env.BENCH_CEILING_FILE, 'utf8')))) {
  answers.set(url, { status: a.status, headers: a.headers, body: Buffer.from(a.body, 'base64') });
}

const server = http.createServer((req, res) => {
  if (req.url === '/_health') {
    res.writeHead(204);
    return res.end();
  }
  const a = answers.get(req.url);
  if (!a) {
    res.writeHead(404);
    return res.end();
  }
  res.writeHead(a.status, a.headers);
  res.end(a.body);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('disconnect', stop);
