// Shared pieces of the browser checks: a static file server for a built site, the list
// of its pages, and one headless Chromium (Debian's, never a downloaded build).
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `root` on 127.0.0.1 at an ephemeral port, as a plain static web server would:
 * a folder answers with its index.html, anything else missing is a 404. `extra` maps
 * URL paths to files served beside the site (the checker's own scripts), cacheable so
 * the browser compiles them once. */
export async function serveSite(root, extra = {}) {
  root = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      if (Object.hasOwn(extra, url.pathname)) {
        res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'max-age=3600' });
        res.end(await readFile(extra[url.pathname]));
        return;
      }
      let path = resolve(root, '.' + decodeURIComponent(url.pathname));
      if (path !== root && !path.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(path).catch(() => null);
      if (info && info.isDirectory()) {
        if (!url.pathname.endsWith('/')) {
          res.writeHead(301, { Location: url.pathname + '/' + url.search }).end();
          return;
        }
        path = join(path, 'index.html');
        info = await stat(path).catch(() => null);
      }
      if (!info || !info.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : await readFile(path));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

/** Every .html file under `root`, sorted, each with the URL path a web server gives it
 * (`en/about/index.html` is `/en/about/`, `en/404.html` stays `/en/404.html`). */
export async function listPages(root) {
  root = resolve(root);
  const files = [];
  async function walk(dir) {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.html')) files.push(full);
    }
  }
  await walk(root);
  files.sort();
  return files.map((file) => {
    const rel = relative(root, file).split(sep).join('/');
    const path = '/' + (rel === 'index.html' ? '' : rel.replace(/(^|\/)index\.html$/, '$1'));
    return { file, path };
  });
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Launches Debian's Chromium headless, with no network chatter of its own (this
 * machine's network is closed; Chromium's background requests only add noise). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (browser/run.sh does)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

/** Runs `fn` over `items` with at most `limit` running at once; results keep order. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  async function worker(id) {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], id);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, (_, id) => worker(id)));
  return results;
}
