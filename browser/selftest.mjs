#!/usr/bin/env node
// The standards suite must fail when it should: run it on fixtures/broken/ (a small
// hand-written site with known faults, listed in its README) and check that it reports
// each fault, exits non-zero, and finds nothing on the one page without faults.
//
//   node --test browser/selftest.mjs      (or: node browser/selftest.mjs)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
let run;
let findings;

before(() => {
  const tmp = mkdtempSync(join(tmpdir(), 'dangos-selftest-'));
  const json = join(tmp, 'findings.json');
  try {
    run = spawnSync(process.execPath,
      [join(HERE, 'standards.mjs'), join(HERE, 'fixtures', 'broken'), '--json', json],
      { encoding: 'utf8', timeout: 180_000 });
    findings = JSON.parse(readFileSync(json, 'utf8')).findings;
  } catch (err) {
    throw new Error(`the suite did not run: ${err.message}\n${run?.stdout ?? ''}\n${run?.stderr ?? ''}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

function expectFinding(tool, page, pattern) {
  const hit = findings.some((f) => f.tool === tool && f.page === page && pattern.test(f.message));
  assert.ok(hit, `expected ${tool} to report ${pattern} on ${page}; it reported:\n` +
    findings.map((f) => `  ${f.tool} ${f.page}: ${f.message}`).join('\n'));
}

test('the suite exits 1 on a broken site', () => {
  assert.equal(run.status, 1, `exit code ${run.status}\n${run.stdout}\n${run.stderr}`);
});

test('an img without alt is reported by axe (and vnu)', () => {
  expectFinding('axe', '/en/', /^image-alt\b/);
  expectFinding('vnu', '/en/', /“img” element must have an “alt” attribute/);
});

test('a status shown only by a coloured dot is reported', () => {
  expectFinding('status-text', '/en/status/', /status without words/);
});

test('a lang="cy" page written in English is reported', () => {
  expectFinding('vnu-language', '/cy/', /appears to be written in English but the “html” start tag has “lang="cy"”/);
});

test('a language toggle pointing at the wrong page is reported, from both sides', () => {
  expectFinding('language-toggle', '/en/toggle/', /points to \/cy\/, not the same page in cy: \/cy\/toggle\//);
  expectFinding('language-toggle', '/cy/toggle/', /does not point back here/);
});

test('keyboard, reflow and text-zoom faults are reported', () => {
  expectFinding('keyboard', '/en/layout/', /the first Tab focuses .*not a skip link/);
  expectFinding('keyboard', '/en/layout/', /no visible focus indicator on <a href="\/en\/">A link whose focus cannot be seen/);
  expectFinding('reflow', '/en/layout/', /scrolls sideways at 320 px/);
  expectFinding('text-zoom', '/en/layout/', /text cut off with 200% text: <div class="fixed">/);
});

test('the page without faults has no finding, and every page was checked', () => {
  const clean = findings.filter((f) => f.page === '/cy/status/');
  assert.deepEqual(clean, [], 'the control page /cy/status/ should pass every check');
  assert.match(run.stdout, /^axe: 8 pages checked/m);
  assert.match(run.stdout, /^keyboard: 8 pages checked/m);
  assert.match(run.stdout, /^vnu: 8 pages checked/m);
  assert.match(run.stdout, /^language-toggle: 8 pages checked/m);
});
