#!/usr/bin/env node
// Reports and indicator pages as read on a phone and a laptop (issue 21): loads every
// report and indicator page of built sites (and the lists of reports and indicators,
// and the target years) in Chromium at 320 and 1280 CSS px wide, in every language,
// and asserts:
//   - no figure is split across lines: every element the templates mark as a figure
//     (`.figure`: a value, a target, a period, "417 of 450") lies on one line (one
//     client rect), and so does every financial year ("2019-20"), quarter
//     ("Quarter 2", "Chwarter 2"), number with its unit ("30 days", "25 diwrnod") and
//     fraction ("417 of 450", "417 o 450") in the page's own words outside prose
//     (commentary and titles are the authors' text);
//   - with --max-height N or --max-height en:N,cy:M (repeatable, in the order of the
//     sites): the site's latest report at 320 px is at most N px tall
//     (document.documentElement.scrollHeight), in every language or in each one
//     named;
//   - with --print-scorecard (after a site's folder): printed to A4 (Chromium's PDF,
//     read back with poppler's pdftotext), the site's latest report has the start of
//     its scorecard on page 1: the caption of its first table and the first words of
//     its first row.
//
//   node browser/reading.mjs [--max-height N]... SITE_DIR [--print-scorecard]...
//
// Exits 1 on any finding (2 for a usage error); prints each report's height.
import { existsSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveSite, listPages, launchBrowser, mapLimit } from './lib/site.mjs';

const WIDTHS = [320, 1280];
const args = process.argv.slice(2);
const sites = [];
const maxHeights = [];
const printed = new Set();
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-height') maxHeights.push(heights(args[++i] ?? ''));
  else if (args[i] === '--print-scorecard') printed.add(sites.length - 1);
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else sites.push(args[i]);
}
if (sites.length === 0 || maxHeights.some((h) => !h)) usage();

/** `8000` (every language) or `en:8000,cy:9000`, as a function of the language. */
function heights(spec) {
  const all = Number(spec);
  if (all > 0) return () => all;
  const byLang = new Map(spec.split(',').map((part) => part.split(':')).map(([lang, n]) => [lang, Number(n)]));
  if (byLang.size === 0 || [...byLang.values()].some((n) => !(n > 0))) return null;
  return (lang) => byLang.get(lang);
}
for (const dir of sites) if (!existsSync(dir)) usage(`${dir} does not exist`);

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node browser/reading.mjs [--max-height N|LANG:N,...]... SITE_DIR [--print-scorecard]...');
  process.exit(2);
}

/** Runs in the page: every figure split across lines, as [what, text]. */
function splitFigures() {
  const found = [];
  // Lines a range or element is drawn on: its client rects, by their vertical middle
  // (an inline box split by a line break has one rect per line).
  const lines = (rects) => new Set([...rects].filter((r) => r.width > 0).map((r) => Math.round((r.top + r.bottom) / 2))).size;
  for (const el of document.querySelectorAll('main .figure')) {
    if (el.closest('[hidden], .visually-hidden')) continue;
    if (lines(el.getClientRects()) > 1) found.push(['marked figure', el.textContent.trim()]);
  }
  const patterns = [
    /\b\d{4}-\d{2}\b/g,
    /\b(?:Quarter|Chwarter|Q|Ch)\s\d\b/g,
    /\d[\d,.]*%?\s(?:days?|diwrnod(?:au)?)\b/g,
    /\d[\d,.]*\s(?:of|o)\s\d[\d,.]*/g,
  ];
  const where = (el) => [el, el.parentElement].filter(Boolean).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '')).join(' < ');
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('.prose, h1, svg, .visually-hidden, [hidden], script, style')) continue;
    if (parent.getClientRects().length === 0) continue;
    for (const re of patterns) {
      for (const m of node.data.matchAll(re)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (lines(range.getClientRects()) > 1) found.push([`figure in words (in ${where(parent)})`, m[0]]);
      }
    }
  }
  return found;
}

/** The pages to read in one site: reports, indicators, their lists, target years. */
function pagesOf(root, all) {
  return all.filter(({ path }) => /^\/[^/]+\/(reports|indicators|targets)\//.test(path));
}

/** The latest report of each language folder: the last report folder in name order
 * (report slugs are periods, `2019-20-q4`). */
function latestReports(root) {
  const out = [];
  for (const lang of readdirSync(root, { withFileTypes: true })) {
    const reports = join(root, lang.name, 'reports');
    if (!lang.isDirectory() || !existsSync(reports)) continue;
    const slugs = readdirSync(reports, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(reports, e.name, 'index.html')))
      .map((e) => e.name)
      .sort();
    if (slugs.length) out.push(`/${lang.name}/reports/${slugs.at(-1)}/`);
  }
  return out;
}

/** Prints each latest report of `site` to PDF and checks that page 1 holds the start
 * of its scorecard; returns the number of findings. */
async function checkPrint(server, site) {
  const dir = mkdtempSync(join(tmpdir(), 'dangos-print-'));
  let found = 0;
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const path of latestReports(site)) {
      await page.goto(server.origin + path, { waitUntil: 'load' });
      const start = await page.evaluate(() => {
        const table = document.querySelector('.scorecard table');
        const row = table?.querySelector('tbody th');
        return table && [table.caption.textContent.trim(), row.textContent.trim().split(/\s+/).slice(0, 3).join(' ')];
      });
      const pdf = join(dir, 'report.pdf');
      await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      const first = text.split('\f')[0].replace(/\s+/g, ' ');
      const missing = (start ?? ['(no scorecard)']).filter((words) => !first.includes(words));
      if (missing.length) found += 1;
      console.log(`  ${missing.length ? 'FAIL' : 'ok  '} ${site} ${path} printed: page 1 ${missing.length ? `lacks "${missing.join('", "')}"` : 'holds the start of the scorecard'} (${text.split('\f').length - 1} pages)`);
    }
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return found;
}

const browser = await launchBrowser();
let failures = 0;
try {
  for (const [index, site] of sites.entries()) {
    const server = await serveSite(site);
    try {
      const pages = pagesOf(site, await listPages(site));
      for (const width of WIDTHS) {
        const contexts = await Promise.all([0, 1].map(() => browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 })));
        const tabs = await Promise.all(contexts.map((c) => c.newPage()));
        const results = await mapLimit(pages, tabs.length, async ({ path }, worker) => {
          const page = tabs[worker];
          const response = await page.goto(server.origin + path, { waitUntil: 'load' });
          if (!response?.ok()) return [[`GET answered ${response?.status()}`, path]];
          return page.evaluate(splitFigures);
        });
        let split = 0;
        results.forEach((found, i) => {
          for (const [what, text] of found) {
            console.log(`  FAIL ${site} ${pages[i].path} at ${width} px: ${what} split across lines: "${text}"`);
            split += 1;
          }
        });
        failures += split;
        console.log(`${site} at ${width} px: ${pages.length} pages, ${split} figures split`);
        await Promise.all(contexts.map((c) => c.close()));
      }
      const maxFor = maxHeights[index];
      if (maxFor) {
        const context = await browser.newContext({ viewport: { width: 320, height: 800 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        for (const path of latestReports(site)) {
          const max = maxFor(path.split('/')[1]);
          if (!max) continue;
          await page.goto(server.origin + path, { waitUntil: 'load' });
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const ok = height <= max;
          if (!ok) failures += 1;
          console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${site} ${path} at 320 px: ${height} px tall (at most ${max})`);
        }
        await context.close();
      }
      if (printed.has(index)) failures += await checkPrint(server, site);
    } finally {
      await server.close();
    }
  }
} finally {
  await browser.close();
}
if (failures) {
  console.error(`reading: ${failures} findings`);
  process.exit(1);
}
console.log('reading: no figure split, every report within its height');
