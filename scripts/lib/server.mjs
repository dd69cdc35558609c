// A small static server on 127.0.0.1 for the sample article, test fixtures and
// packs. Routes can be replaced while it runs, so a test can change what a URL serves.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
};

/**
 * @typedef {{ status?: number, headers?: Record<string, string>, body: string | Uint8Array }} RouteReply
 * @typedef {(req: import('node:http').IncomingMessage) => RouteReply | Promise<RouteReply>} Route
 * @param {{ root: string, port?: number }} opts
 */
export async function startServer({ root, port = 0 }) {
  /** @type {Map<string, Route>} */
  const routes = new Map();
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const route = routes.get(path);
      if (route) {
        const reply = await route(req);
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body);
        return;
      }
      const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
      if (!file.startsWith(base)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch (e) {
      res.writeHead(/** @type {any} */ (e).code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(String(/** @type {any} */ (e).message ?? e));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    /** @param {string} path @param {Route} route */
    route(path, route) {
      routes.set(path, route);
    },
    close: () => new Promise((ok) => server.close(() => ok(undefined))),
  };
}
