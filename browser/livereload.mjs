#!/usr/bin/env node
// Live reload in a real browser (issue 6, part 2): start `dangos serve` on a copy of the
// example site, open an indicator page in headless Chromium, change a figure in its
// content file and see the page reload by itself and show the new figure; break the
// front matter and see the error overlay naming the file; fix it and see the overlay go
// and the page come back. axe-core checks the overlay too.
//
//   node --test browser/livereload.mjs
//
// Skipped, with the reason, where the dangos binary has no `serve` command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { launchBrowser } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'release', 'dangos');
const INDICATOR = 'fam-kpi-02';
const FILE = join('content', 'indicators', `${INDICATOR}.md`);
const STEP = 30_000; // ms allowed for each change to reach the page

// Builds the release binary if needed and asks it whether it has `serve`.
const help = spawnSync('cargo', ['run', '--release', '--locked', '--quiet', '--', 'serve', '--help'],
  { cwd: ROOT, encoding: 'utf8' });
const skip = help.status === 0 && existsSync(BIN)
  ? false
  : '`dangos serve` does not exist in this build (issue 6 part 2 waits for it)';

let site;
let server;
let browser;
let page;
let original;

before(async () => {
  if (skip) return;
  // A copy of the example site, so editing its content leaves the repository alone.
  site = await mkdtemp(join(tmpdir(), 'dangos-livereload-'));
  for (const part of ['site.toml', 'content', 'themes', 'static']) {
    if (existsSync(join(ROOT, part))) await cp(join(ROOT, part), join(site, part), { recursive: true });
  }
  original = await readFile(join(site, FILE), 'utf8');
  assert.match(original, /^\s+2019-20 Q2: 425$/m, `${FILE} no longer holds the figure this check edits`);

  server = spawn(BIN, ['serve', '--root', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  server.stderr.on('data', (d) => { out += d; });
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`dangos serve did not say where it serves:\n${out}`)), STEP);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /Serving the site at (http:\/\/\S+?)\/? /.exec(out);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.on('exit', (code) => fail(new Error(`dangos serve exited (${code}):\n${out}`)));
  });
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/en/indicators/${INDICATOR}/`, { waitUntil: 'load' });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((ok) => server.once('exit', ok));
    server.kill('SIGINT');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  if (site) await rm(site, { recursive: true, force: true });
});

/** Marks the page, so a reload (which forgets the mark) can be told from a patch. */
const mark = () => page.evaluate(() => { window.__dangosMark = true; });
const mainText = () => page.evaluate(() => document.querySelector('main')?.innerText ?? '');

test('live reload: an edited figure shows in the open page without a refresh', { skip }, async () => {
  assert.match(await mainText(), /\b425\b/);
  await mark();
  await writeFile(join(site, FILE), original.replace('2019-20 Q2: 425', '2019-20 Q2: 4321'));
  await page.waitForFunction(() => !window.__dangosMark &&
    (document.querySelector('main')?.innerText ?? '').includes('4,321'), null, { timeout: STEP });
});

test('live reload: broken front matter shows the error overlay, naming the file', { skip }, async () => {
  await mark();
  await writeFile(join(site, FILE), original.replace('2019-20 Q2: 425', '2019-20 Q2: 4321')
    .replace('unit: count', 'unit: [count'));
  const overlay = page.locator('#dangos-build-error');
  await overlay.waitFor({ state: 'visible', timeout: STEP });
  const text = await overlay.innerText();
  assert.match(text, new RegExp(`${INDICATOR}\\.md`), `the overlay does not name the file:\n${text}`);
  assert.equal(await overlay.getAttribute('role'), 'alert');
  assert.equal(await page.evaluate(() => window.__dangosMark), true, 'the page reloaded instead of showing the overlay');
  assert.match(await mainText(), /4,321/, 'the last good page should stay under the overlay');
  // The overlay itself meets the same rules as the pages.
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const axe = await page.evaluate(() => window.axe.run({ include: ['#dangos-build-error'] }, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.help}`), [], 'axe violations in the error overlay');
});

test('live reload: fixing the file clears the overlay and reloads the page', { skip }, async () => {
  await writeFile(join(site, FILE), original.replace('2019-20 Q2: 425', '2019-20 Q2: 5000'));
  await page.waitForFunction(() => !window.__dangosMark &&
    !document.getElementById('dangos-build-error') &&
    (document.querySelector('main')?.innerText ?? '').includes('5,000'), null, { timeout: STEP });
});
