#!/usr/bin/env node
// Standards checks over a built dangos site, with independent tools in a real browser.
//
//   node browser/standards.mjs SITE_DIR [--json FILE]
//
// SITE_DIR is a built site (the contents of `public/`, built with a loopback base URL
// so every link stays on this machine). It is served here on 127.0.0.1; nothing is
// built. Each tool prints how many pages it checked and what it found; the exit code
// is 1 if anything was found (2 for a usage or set-up error).
//
// Tools and what each asserts:
//   vnu            Nu Html Checker: no errors on any page.
//   vnu-language   no page whose text reads as another language than its <html lang>:
//                  vnu's own language detection (pages with >= 1024 characters of
//                  paragraph text), and the same detector over each page's own-language
//                  text (repeated up to vnu's minimum), so short pages are checked too.
//   axe            axe-core, tags wcag2a wcag2aa wcag21a wcag21aa wcag22aa best-practice.
//   keyboard       the first Tab reaches a skip link to <main> (or, on a page with
//                  nothing before <main>, an element inside it); activating the skip
//                  link focuses <main>; Tab reaches every link and control, and each
//                  looks different when focused (outline, box-shadow, background or
//                  border differ from its unfocused look).
//   reflow         at 320 CSS px wide nothing scrolls sideways (WCAG 1.4.10) and no text
//                  is cut off.
//   text-zoom      with the root font size at 200% (what a browser's text-size setting
//                  does to rem/em-sized text), at 1280 px wide, no text is cut off
//                  (overflow hidden or clipped with more content than room) and nothing
//                  scrolls sideways (WCAG 1.4.4).
//   language-toggle every page in a language folder (/en/…, /cy/…) has a toggle whose
//                  link points at the same path in the other language's folder, and
//                  that page's toggle points back.
//   status-text    every status (an element with a class starting `status`) carries
//                  visible words, not only a colour or an icon (WCAG 1.4.1).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serveSite, listPages, launchBrowser, mapLimit } from './lib/site.mjs';
import {
  pageFacts, markFocusables, focusState, horizontalOverflow, clippedText,
} from './lib/checks.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const AXE_FILE = require.resolve('axe-core/axe.min.js');
const AXE_URL = '/.dangos-check/axe.min.js';
const VNU_JAR = join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const TOOLS = ['vnu', 'vnu-language', 'axe', 'keyboard', 'reflow', 'text-zoom',
  'language-toggle', 'status-text'];
const WORKERS = 2;
/** vnu detects a language only from at least this much text (its MIN_CHARS). */
const VNU_MIN_CHARS = 1024;
/** Below this much own-language text a page is too short to judge its language. */
const MIN_TEXT_FOR_LANGUAGE = 200;

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node browser/standards.mjs SITE_DIR [--json FILE]');
  process.exit(2);
}

const args = process.argv.slice(2);
let siteDir = null;
let jsonOut = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonOut = args[++i] ?? usage('--json needs a file');
  else if (args[i] === '-h' || args[i] === '--help') usage();
  else if (!siteDir) siteDir = args[i];
  else usage(`unexpected argument ${args[i]}`);
}
if (!siteDir) usage('SITE_DIR is required');
if (!existsSync(siteDir) || !statSync(siteDir).isDirectory()) usage(`${siteDir} is not a folder`);

const started = Date.now();
const findings = [];
const checked = Object.fromEntries(TOOLS.map((t) => [t, 0]));
const notes = {};
const find = (tool, page, message) => findings.push({ tool, page, message });

const pages = await listPages(siteDir);
if (pages.length === 0) usage(`no .html files under ${siteDir}`);
const byPath = new Map(pages.map((p) => [p.path, p]));
const server = await serveSite(siteDir, { [AXE_URL]: AXE_FILE });
const browser = await launchBrowser();
const facts = new Map();

try {
  // One browser, one tab per worker (a new tab per page costs a renderer process).
  const tabs = await Promise.all(Array.from({ length: WORKERS }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    return context.newPage();
  }));
  await mapLimit(pages, WORKERS, async (p, worker) => {
    const t0 = Date.now();
    try {
      await checkPage(tabs[worker], p);
      if (process.env.DANGOS_CHECK_DEBUG) console.error(`${p.path} ${Date.now() - t0} ms`);
    } catch (err) {
      find('load', p.path, `the page could not be checked: ${err.message.split('\n')[0]}`);
      tabs[worker] = await tabs[worker].context().newPage();
    }
  });
  notes.browserSecs = (Date.now() - started) / 1000;
  checkToggles();
  const vnuStart = Date.now();
  await runVnu();
  notes.vnuSecs = (Date.now() - vnuStart) / 1000;
} finally {
  await browser.close();
  await server.close();
}

await report();

async function checkPage(page, p) {
  // One load per page: the keyboard walk needs focus to start at the top, so it goes
  // first; the other checks read the page as it then stands (focus cleared).
  const response = await page.goto(server.origin + p.path, { waitUntil: 'load' });
  if (!response || !response.ok()) throw new Error(`GET ${p.path} answered ${response?.status()}`);

  const f = await page.evaluate(pageFacts);
  facts.set(p.path, f);
  checked['status-text'] += 1;
  for (const html of f.wordless) find('status-text', p.path, `status without words (colour or icon only): ${html}`);

  await checkKeyboard(page, p);
  await page.evaluate(() => document.activeElement?.blur());

  // axe-core, at desktop width. Served beside the site (not inlined) so Chromium
  // compiles it once rather than on every page.
  await page.addScriptTag({ url: AXE_URL });
  const axe = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), AXE_TAGS);
  checked.axe += 1;
  for (const v of axe.violations) {
    const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ');
    find('axe', p.path, `${v.id} (${v.impact}): ${v.help} [${v.nodes.length} element(s): ${where}]`);
  }

  // Reflow: 320 CSS px wide (1280 px at 400% zoom).
  await page.setViewportSize({ width: 320, height: 640 });
  const narrow = await page.evaluate(horizontalOverflow);
  checked.reflow += 1;
  if (narrow.scrollWidth > 320) {
    find('reflow', p.path, `scrolls sideways at 320 px: ${narrow.scrollWidth} px wide; ${narrow.culprits.join('; ')}`);
  }
  for (const c of await page.evaluate(clippedText)) find('reflow', p.path, `text cut off at 320 px: ${c}`);

  // Text at 200%: the root font size doubled, as a browser's text-size setting does.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
  const zoomed = await page.evaluate(horizontalOverflow);
  checked['text-zoom'] += 1;
  if (zoomed.scrollWidth > zoomed.width) {
    find('text-zoom', p.path, `scrolls sideways with 200% text at 1280 px: ${zoomed.scrollWidth} px wide; ${zoomed.culprits.join('; ')}`);
  }
  for (const c of await page.evaluate(clippedText)) find('text-zoom', p.path, `text cut off with 200% text: ${c}`);
}

async function checkKeyboard(page, p) {
  const focusables = await page.evaluate(markFocusables);
  checked.keyboard += 1;
  notes.focusables = (notes.focusables ?? 0) + focusables.length;
  const reached = new Set();
  let first = null;
  for (let i = 0; i < focusables.length + 3; i++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(focusState);
    if (i === 0) first = s;
    if (s.id === null) {
      if (s.desc) find('keyboard', p.path, `Tab focuses an element that is not a link or control: ${s.desc}`);
      break;
    }
    if (reached.has(s.id)) break; // wrapped round
    reached.add(s.id);
    if (!s.visible) find('keyboard', p.path, `no visible focus indicator on ${s.desc}`);
  }
  if (focusables.length === 0) return;
  if (!first || first.id === null) {
    find('keyboard', p.path, 'the first Tab focuses nothing');
  } else if (!first.skipsToMain && !first.inMain) {
    find('keyboard', p.path, `the first Tab focuses ${first.desc}, not a skip link to the main content`);
  } else if (first.skipsToMain) {
    // Activate the skip link from the keyboard: focus must land on <main>.
    await page.focus(`[data-kbd-id="${first.id}"]`);
    await page.keyboard.press('Enter');
    const after = await page.evaluate(focusState);
    if (!after.isMain) find('keyboard', p.path, `activating the skip link leaves focus on ${after.desc ?? 'the document'}, not <main>`);
  }
  for (const f of focusables) {
    if (!reached.has(f.id)) find('keyboard', p.path, `not reachable with Tab: ${f.desc}`);
  }
}

function checkToggles() {
  // Which first path segments are language folders: those whose pages say so in <html lang>.
  const folderOf = (path) => path.split('/')[1] ?? '';
  const primary = (l) => l.toLowerCase().split('-')[0];
  for (const p of pages) {
    const f = facts.get(p.path);
    if (!f) continue;
    const folder = folderOf(p.path);
    if (!f.lang || primary(f.lang) !== folder) continue; // e.g. the bilingual language-choice page
    checked['language-toggle'] += 1;
    if (f.toggles.length === 0) {
      find('language-toggle', p.path, 'no language toggle (nav.language-toggle a)');
      continue;
    }
    for (const t of f.toggles) {
      const other = primary(t.hreflang || t.lang);
      const url = new URL(t.href);
      if (!other || other === folder) {
        find('language-toggle', p.path, `toggle link ${t.rawHref} has no hreflang naming the other language`);
        continue;
      }
      const expected = p.path.replace(/^\/[^/]+/, `/${other}`);
      if (url.origin !== server.origin || url.pathname !== expected) {
        find('language-toggle', p.path, `toggle "${t.text}" points to ${t.rawHref}, not the same page in ${other}: ${expected}`);
        continue;
      }
      const back = facts.get(expected);
      if (!byPath.has(expected) || !back) {
        find('language-toggle', p.path, `toggle points to ${expected}, which does not exist`);
        continue;
      }
      const returns = back.toggles.some((b) => new URL(b.href).pathname === p.path);
      if (!returns) {
        find('language-toggle', p.path, `${expected}'s toggle does not point back here (it points to ${back.toggles.map((b) => b.rawHref).join(', ') || 'nothing'})`);
      }
    }
  }
}

/** One JVM run over every page, plus one synthetic page per real page holding that
 * page's own-language text, so vnu's language detector judges short pages too. */
async function runVnu() {
  const tmp = await mkdtemp(join(tmpdir(), 'dangos-vnu-'));
  try {
    const synthetic = new Map();
    let n = 0;
    for (const p of pages) {
      const f = facts.get(p.path);
      if (!f || !f.lang || f.text.length < MIN_TEXT_FOR_LANGUAGE) continue;
      let text = f.text;
      while (text.length < VNU_MIN_CHARS + 100) text += ' ' + f.text;
      const file = join(tmp, `page-${++n}.html`);
      const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      await writeFile(file, `<!DOCTYPE html>\n<html lang="${esc(f.lang)}"><head><meta charset="utf-8"><title>${esc(p.path)}</title></head><body><p>${esc(text)}</p></body></html>\n`);
      synthetic.set(`file:${file}`, p.path);
    }
    notes.languageTextPages = synthetic.size;
    const real = new Map(pages.map((p) => [`file:${p.file}`, p.path]));
    const out = await run('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout',
      ...pages.map((p) => p.file), ...[...synthetic.keys()].map((k) => k.slice(5))]);
    let json;
    try {
      json = JSON.parse(out.stdout);
    } catch {
      throw new Error(`vnu printed no JSON (exit ${out.code}): ${out.stderr.slice(0, 500)}`);
    }
    checked.vnu = pages.length;
    checked['vnu-language'] = pages.length;
    const seen = new Set();
    for (const m of json.messages) {
      const fromReal = real.get(m.url);
      const page = fromReal ?? synthetic.get(m.url) ?? m.url;
      const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn}` : '';
      if (/^This document appears to be written in/.test(m.message)) {
        const key = `${page} ${m.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        find('vnu-language', page, `${m.message}${fromReal ? '' : ' (its own-language text, checked on its own)'}`);
      } else if (m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal') {
        if (fromReal) find('vnu', page, `${where} ${m.message}${m.extract ? ` [${m.extract.replace(/\s+/g, ' ')}]` : ''}`.trim());
        else find('vnu', page, `internal: the language check's page did not validate: ${m.message}`);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

function run(cmd, argv) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

async function report() {
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`standards: ${pages.length} pages in ${siteDir}`);
  for (const tool of TOOLS) {
    const mine = findings.filter((f) => f.tool === tool);
    let extra = '';
    if (tool === 'keyboard') extra = `, ${notes.focusables ?? 0} links and controls`;
    if (tool === 'vnu-language') extra = `, ${notes.languageTextPages ?? 0} with enough own-language text to judge`;
    if (tool === 'status-text') extra = `, ${[...facts.values()].reduce((a, f) => a + f.statusCount, 0)} statuses`;
    console.log(`${tool}: ${checked[tool]} pages checked${extra}, ${mine.length} finding(s)`);
    for (const f of mine) console.log(`  ${f.page}: ${f.message}`);
  }
  for (const f of findings.filter((x) => !TOOLS.includes(x.tool))) console.log(`${f.tool}: ${f.page}: ${f.message}`);
  console.log(`standards: ${findings.length} finding(s) in ${secs} s (browser ${notes.browserSecs?.toFixed(1)} s, vnu ${notes.vnuSecs?.toFixed(1)} s)`);
  if (jsonOut) await writeFile(jsonOut, JSON.stringify({ pages: pages.length, checked, findings }, null, 2));
  process.exitCode = findings.length ? 1 : 0;
}
