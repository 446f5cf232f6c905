#!/usr/bin/env node
// Chart text as read: loads every indicator page of built sites in Chromium at 320 and
// 1280 CSS px wide and measures each chart label as drawn (its computed font size
// times the scale its SVG is drawn at). Asserts, for every page and width:
//   - the smallest chart text is at least 12 CSS px (issue 14);
//   - exactly one drawing of the chart is shown, inside one role="img" element;
//   - no chart label is cut off: each lies inside its SVG, and the SVG inside the
//     page's width;
//   - no two chart labels overlap;
//   - at 1280 px, a chart of up to twelve periods turns none of its labels (issue 21:
//     labels are turned only when they cannot fit).
//
//   node browser/chart-text.mjs SITE_DIR...        check built sites
//   node browser/chart-text.mjs --long-site DIR    write a site with long histories
//                                                  (the example plus generated
//                                                  indicators of up to 40 quarters)
//
// Exits 1 on any finding (2 for a usage error); prints the smallest size seen per
// site and width.
import { cpSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite, listPages, launchBrowser, mapLimit } from './lib/site.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const MIN_PX = 12;
const WIDTHS = [320, 1280];

const args = process.argv.slice(2);
if (args[0] === '--long-site') {
  if (!args[1]) usage('--long-site needs a folder');
  writeLongSite(args[1]);
  process.exit(0);
}
if (args.length === 0 || args.some((a) => a.startsWith('-'))) usage();
for (const dir of args) if (!existsSync(dir)) usage(`${dir} does not exist`);

function usage(msg) {
  if (msg) console.error(`error: ${msg}`);
  console.error('usage: node browser/chart-text.mjs SITE_DIR... | --long-site DIR');
  process.exit(2);
}

/** Measures the charts of one loaded page: what is shown, at what size, and what is
 * outside its drawing or the page. Runs in the page. */
function measure(minPx) {
  const out = { shown: 0, images: 0, smallest: Infinity, small: [], cut: [], overlaps: [], turned: 0 };
  // The periods of the chart: the rows of the figures table beside it.
  out.periods = document.querySelector('table.data')?.tBodies[0]?.rows.length ?? 0;
  const figures = document.querySelectorAll('.chart');
  out.images = document.querySelectorAll('.chart-figure [role=img]').length;
  const page = document.documentElement.clientWidth;
  for (const fig of figures) {
    // (A chart that is itself an <svg class="chart">, as before issue 14, counts too.)
    for (const svg of fig.matches('svg') ? [fig] : fig.querySelectorAll('svg')) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(svg).display === 'none') continue;
      out.shown += 1;
      const scale = box.width / svg.viewBox.baseVal.width;
      if (box.left < -0.5 || box.right > page + 0.5) {
        out.cut.push(`${svg.getAttribute('class')}: drawn from ${box.left.toFixed(1)} to ${box.right.toFixed(1)} px on a page ${page} px wide`);
      }
      const boxes = [];
      for (const t of svg.querySelectorAll('text')) {
        if (t.hasAttribute('transform')) out.turned += 1;
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < out.smallest) out.smallest = px;
        if (px < minPx) out.small.push(`"${t.textContent}" at ${px.toFixed(1)} px`);
        const r = t.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5
          || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          out.cut.push(`"${t.textContent}" (${svg.getAttribute('class')}) outside its chart`);
        }
        // Turned labels are measured by their own (unturned) box.
        const b = t.getBBox();
        const m = t.getCTM();
        const turned = m && Math.abs(m.b) > 1e-6;
        if (!turned) boxes.push({ text: t.textContent, l: b.x, r: b.x + b.width, t: b.y, b: b.y + b.height });
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, c] = [boxes[i], boxes[j]];
          if (a.l < c.r - 0.5 && c.l < a.r - 0.5 && a.t < c.b - 0.5 && c.t < a.b - 0.5) {
            out.overlaps.push(`"${a.text}" and "${c.text}" (${svg.getAttribute('class')}) overlap`);
          }
        }
      }
    }
  }
  return out;
}

async function checkSite(dir) {
  const pages = (await listPages(dir)).filter((p) => /\/indicators\/[^/]+\/$/.test(p.path));
  const server = await serveSite(dir);
  const browser = await launchBrowser();
  const findings = [];
  const smallest = Object.fromEntries(WIDTHS.map((w) => [w, Infinity]));
  let charts = 0;
  try {
    const tabs = await Promise.all([0, 1].map(async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      return context.newPage();
    }));
    await mapLimit(pages, tabs.length, async (p, worker) => {
      const page = tabs[worker];
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        const res = await page.goto(server.origin + p.path, { waitUntil: 'load' });
        if (!res || !res.ok()) {
          findings.push(`${p.path}: GET answered ${res?.status()}`);
          return;
        }
        // Labels are measured once the chart font has loaded.
        await page.evaluate(() => document.fonts.ready.then(() => true));
        const m = await page.evaluate(measure, MIN_PX);
        if (m.shown === 0 && m.images === 0) continue; // no values, no chart
        charts += 1;
        if (m.shown !== 1) findings.push(`${p.path} at ${width} px: ${m.shown} drawings of the chart shown, not 1`);
        if (m.images !== 1) findings.push(`${p.path} at ${width} px: ${m.images} role=img elements, not 1`);
        smallest[width] = Math.min(smallest[width], m.smallest);
        for (const s of m.small.slice(0, 3)) findings.push(`${p.path} at ${width} px: chart text ${s}, under ${MIN_PX} px`);
        for (const c of m.cut.slice(0, 3)) findings.push(`${p.path} at ${width} px: ${c}`);
        for (const o of m.overlaps.slice(0, 3)) findings.push(`${p.path} at ${width} px: ${o}`);
        if (width === 1280 && m.periods <= 12 && m.turned > 0) {
          findings.push(`${p.path} at ${width} px: ${m.turned} labels turned on a chart of ${m.periods} periods`);
        }
      }
    });
  } finally {
    await browser.close();
    await server.close();
  }
  const sizes = WIDTHS.map((w) => `${w} px: ${smallest[w].toFixed(1)} px`).join(', ');
  console.log(`chart-text ${dir}: ${pages.length} indicator pages, ${charts} charts measured; smallest chart text at ${sizes}`);
  if (charts === 0) findings.push(`${dir}: no chart found on any indicator page`);
  return findings;
}

/** The example site (site.toml, content, themes of this repository) plus indicators
 * with long histories: forty quarters of counts, small percentages, days and
 * trillions, with gaps, zeros, changing targets and a target not stated, and ten
 * years of a yearly figure. */
function writeLongSite(dir) {
  const repo = join(HERE, '..');
  mkdirSync(dir, { recursive: true });
  for (const part of ['site.toml', 'content', 'themes']) {
    cpSync(join(repo, part), join(dir, part), { recursive: true });
  }
  const quarters = [];
  for (let y = 2010; y < 2020; y++) {
    for (let q = 1; q <= 4; q++) quarters.push(`${y}-${String((y + 1) % 100).padStart(2, '0')} Q${q}`);
  }
  const years = Array.from({ length: 10 }, (_, i) => `${2010 + i}-${String((2011 + i) % 100).padStart(2, '0')}`);
  const kinds = [
    { id: 'long-counts', unit: 'count', direction: 'higher', value: (i) => (i === 9 ? 0 : 700 + ((i * 37) % 300)) },
    { id: 'long-small-percent', unit: 'percent', direction: 'lower', value: (i) => (3.5 + ((i * 0.37) % 2)).toFixed(1) },
    { id: 'long-days', unit: 'days', direction: 'lower', value: (i) => 20 + ((i * 7) % 15) },
    { id: 'long-trillions', unit: 'count', direction: 'none', value: (i) => (i + 1) * 30000000000 },
    { id: 'long-fractions', unit: 'percent', direction: 'higher', value: (i) => `{ numerator: ${60 + (i % 9)}, denominator: 82 }` },
  ];
  for (const k of kinds) {
    const values = quarters
      .map((q, i) => (i === 17 ? null : `  ${q}: ${k.value(i)}`))
      .filter(Boolean)
      .join('\n');
    const target = k.unit === 'percent' ? [5, 4.5] : [800, 850];
    const targets = k.direction === 'none' ? '' : `targets:\n  2012-13: ${target[0]}\n  2013-14: ${target[1]}\n  2015-16: not-appropriate\n  2016-17: not-stated\n  2018-19: ${target[0]}\n`;
    const rationale = k.direction === 'none' ? '' : 'rationale:\n  2012-13: Set from the year before.\n  2013-14: Raised.\n  2015-16: Target setting not appropriate.\n  2018-19: As in 2012-13.\n';
    writeFileSync(join(dir, 'content', 'indicators', `${k.id}.md`),
      `---\ntitle: Long history (${k.id})\nunit: ${k.unit}\ndirection: ${k.direction}\nvalues:\n${values}\n${targets}${rationale}---\nA generated indicator with a long history.\n`);
    const cyRationale = k.direction === 'none' ? '' : 'rationale:\n  2012-13: Wedi’i osod o’r flwyddyn gynt.\n  2013-14: Wedi’i godi.\n  2015-16: Nid yw’n briodol gosod targed.\n  2018-19: Fel yn 2012-13.\n';
    writeFileSync(join(dir, 'content', 'indicators', `${k.id}.cy.md`),
      `---\ntitle: Hanes hir (${k.id})\n${cyRationale}---\nDangosydd a gynhyrchwyd, gyda hanes hir.\n`);
  }
  const yearly = years.map((y, i) => `  ${y}: ${150 + ((i * 13) % 40)}`).join('\n');
  writeFileSync(join(dir, 'content', 'indicators', 'long-years.md'),
    `---\ntitle: Ten years of a yearly count\nunit: count\ndirection: higher\nvalues:\n${yearly}\n---\nA yearly figure.\n`);
  writeFileSync(join(dir, 'content', 'indicators', 'long-years.cy.md'),
    '---\ntitle: Deng mlynedd o gyfrif blynyddol\n---\nFfigur blynyddol.\n');
}

const findings = [];
for (const dir of args) findings.push(...await checkSite(dir));
if (findings.length) {
  for (const f of findings) console.error(`chart-text: ${f}`);
  console.error(`chart-text: ${findings.length} finding(s)`);
  process.exit(1);
}
console.log('chart-text: every chart label is at least 12 CSS px at 320 and 1280 px, none is cut off or overlaps another, and none is turned at 1280 px on a chart of up to twelve periods');
