#!/usr/bin/env node
// Full-page screenshots of a built dangos site, so anyone can see what a change did.
//
//   node browser/screenshots.mjs SITE_DIR [OUT_DIR]
//
// For each language folder (a top-level folder with an index.html: en/, cy/): the home
// page, the first report, the indicator page with the most content, and the first
// target year, each at 390 px (a phone) and 1280 px (a laptop), as
// OUT_DIR/LANG-KIND-WIDTH.png (default OUT_DIR: screenshots/, kept out of git).
import { mkdir, readdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveSite, launchBrowser } from './lib/site.mjs';

const [siteDir, outDir = 'screenshots'] = process.argv.slice(2);
if (!siteDir || !existsSync(siteDir)) {
  console.error('usage: node browser/screenshots.mjs SITE_DIR [OUT_DIR]');
  process.exit(2);
}
const WIDTHS = [390, 1280];

async function subfolders(dir) {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'index.html')))
    .map((e) => e.name).sort();
}

/** The pages to show, by kind, for one language folder. */
async function pagesFor(lang) {
  const root = join(siteDir, lang);
  const shots = [['home', `/${lang}/`]];
  const reports = await subfolders(join(root, 'reports'));
  if (reports.length) shots.push(['report', `/${lang}/reports/${reports[0]}/`]);
  // The indicator page with the most content shows the most of the template.
  const indicators = await subfolders(join(root, 'indicators'));
  let best = null;
  for (const id of indicators) {
    const size = (await stat(join(root, 'indicators', id, 'index.html'))).size;
    if (!best || size > best.size) best = { id, size };
  }
  if (best) shots.push(['indicator', `/${lang}/indicators/${best.id}/`]);
  const targets = await subfolders(join(root, 'targets'));
  if (targets.length) shots.push(['target-year', `/${lang}/targets/${targets[0]}/`]);
  return shots;
}

const langs = (await subfolders(siteDir)).filter((d) => d !== 'static');
if (langs.length === 0) {
  console.error(`no language folders with an index.html in ${siteDir}`);
  process.exit(1);
}
await mkdir(outDir, { recursive: true });
const server = await serveSite(siteDir);
const browser = await launchBrowser();
const started = Date.now();
let count = 0;
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({
      viewport: { width, height: width < 600 ? 844 : 800 },
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    for (const lang of langs) {
      for (const [kind, path] of await pagesFor(lang)) {
        const response = await page.goto(server.origin + path, { waitUntil: 'load' });
        if (!response?.ok()) throw new Error(`GET ${path} answered ${response?.status()}`);
        const file = join(outDir, `${lang}-${kind}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`  ${file}  ${path}`);
        count += 1;
      }
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots: ${count} pages written to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
