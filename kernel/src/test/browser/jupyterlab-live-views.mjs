// JupyterLab in headless Chromium (Debian's chromium, driven by Playwright), as a student uses it: open a tutorial
// notebook, Run All, then type cells at its end that start a streaming query with a live table and a Vega-Lite
// chart, feed it, and start a query that fails. Run by EddyJupyterLabIT, which starts JupyterLab and passes:
//   EDDY_LAB_URL       the server's base URL (http://127.0.0.1:PORT/)
//   EDDY_LAB_TOKEN     its token
//   EDDY_NOTEBOOK      the notebook to open, relative to the server's root
//   EDDY_SHOT_DIR      where the screenshots go
//   EDDY_CHROMIUM      the browser (default /usr/bin/chromium); Playwright never downloads one here
// Prints one line per step; exits non-zero with the reason (and a screenshot) when a step fails.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`${name} is not set`);
  return v;
};
const baseUrl = env('EDDY_LAB_URL');
const token = env('EDDY_LAB_TOKEN');
const notebook = env('EDDY_NOTEBOOK');
const shotDir = env('EDDY_SHOT_DIR');
const chromiumPath = env('EDDY_CHROMIUM', '/usr/bin/chromium');
const STEP_MS = 120_000;

const TOPIC_COLUMNS = '`key` STRING, `value` STRING, topic STRING, `partition` INT, `offset` BIGINT,'
  + ' `timestamp` TIMESTAMP(3), headers STRING';
const CELLS = {
  topic: '%topic create lab_clicks\n%topic produce lab_clicks home home cart',
  stream: "%%sql\nCREATE STREAM lab_clicks (" + TOPIC_COLUMNS + ")\n"
    + "WITH ('connector' = 'topic', 'topic' = 'lab_clicks', 'startingOffsets' = 'earliest')",
  query: '%%sql --name lab_pages --chart bar --x page --y visits\n'
    + 'SELECT `value` AS page, COUNT(*) AS visits FROM lab_clicks GROUP BY `value`',
  more: '%topic produce lab_clicks kiwi kiwi kiwi',
  failing: 'display(sql.stream("SELECT `value` AS page FROM lab_clicks")\n'
    + '    .filter(r -> { throw new IllegalStateException("no pages today"); })\n'
    + '    .writeStream().queryName("lab_failing").memory("lab_failing").start())',
  alive: '"still up: " + (40 + 2)',
  stop: '%stream stop --all',
};

const log = (msg) => console.log(`lab: ${msg}`);
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'eddy-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
  viewport: { width: 1280, height: 1500 },
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(STEP_MS);
const browserErrors = [];
page.on('pageerror', (e) => {
  // JupyterLab 4.6's debugger panel asks every kernel for its modules after each execute_reply and throws this
  // for kernels without a debugger (Eddy's kernelspec says "debugger": false); it is JupyterLab's, not ours.
  if (!/No active debugger session/.test(String(e))) browserErrors.push(e.stack ?? String(e));
});

const panel = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const cells = page.locator(`${panel} .jp-Notebook .jp-Cell`);

/** Waits until cell i shows an execution count, failing early with the text of an error in it. */
async function waitExecuted(i, what) {
  const handle = await page.waitForFunction(([sel, i]) => {
    const cell = document.querySelectorAll(sel)[i];
    const prompt = cell?.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '';
    const error = cell?.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]');
    if (error && !/\*/.test(prompt)) return { error: error.innerText };
    return /^\[\d+\]:$/.test(prompt) ? { ok: true } : null;
  }, [`${panel} .jp-Notebook .jp-Cell`, i], { polling: 100 });
  const r = await handle.jsonValue();
  assert.ok(!r.error, `${what} failed in the kernel: ${r.error}`);
}

/** Types code into a new cell at the notebook's end (as a person would) and runs it; returns its index. */
async function appendAndRun(code, what) {
  await page.keyboard.press('Escape');
  const n = await cells.count();
  const last = cells.nth(n - 1);
  await last.locator('.jp-InputPrompt').click();
  const lastIsEmpty = (await last.getAttribute('class')).includes('jp-CodeCell')
    && (await last.locator('.cm-content').innerText()).trim() === '';
  let index = n - 1;
  if (!lastIsEmpty) {
    await page.keyboard.press('b');
    await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n + 1,
      [`${panel} .jp-Notebook .jp-Cell`, n]);
    index = n;
  }
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(code);
  await page.keyboard.press('Shift+Enter');
  await waitExecuted(index, what);
  log(`ran ${what} (cell ${index + 1})`);
  return index;
}

/** The text of the live table under cell i (its text/html output). */
const tableText = (i) => cells.nth(i).locator('.jp-OutputArea-output[data-mime-type="text/html"]').first()
  .innerText();

/** The Vega-Lite chart drawn under cell i: its canvas pixels (or SVG markup) as a fingerprint, or null if none. */
async function chartDrawing(i) {
  return cells.nth(i).evaluate((cell) => {
    const out = cell.querySelector('.jp-RenderedVegaLite');
    if (!out) return null;
    const images = cell.querySelectorAll('.jp-OutputArea-output img').length;
    const canvas = out.querySelector('canvas.marks');
    if (canvas && canvas.width > 0 && canvas.height > 0) return { kind: 'canvas', print: canvas.toDataURL(), images };
    const svg = out.querySelector('svg.marks');
    if (svg && svg.querySelector('[role="graphics-symbol"]')) return { kind: 'svg', print: svg.outerHTML, images };
    return null;
  });
}

/** The bars of the chart under cell i, as the chart's own "Save as SVG" action exports them ("page: x; visits: n"). */
async function chartBars(i) {
  const chart = cells.nth(i).locator('.jp-RenderedVegaLite');
  const menu = chart.locator('details');
  await menu.locator('summary').click();
  const link = chart.locator('.vega-actions a', { hasText: 'Save as SVG' });
  await link.evaluate((a) => a.setAttribute('href', '#'));
  await link.dispatchEvent('mousedown'); // vega-embed renders the SVG on mousedown, into a blob: URL
  await page.waitForFunction((a) => a.getAttribute('href') !== '#', await link.elementHandle());
  const svg = await page.evaluate(async (url) => (await fetch(url)).text(), await link.getAttribute('href'));
  await menu.locator('summary').click();
  return [...svg.matchAll(/aria-roledescription="bar"[^>]*aria-label="([^"]*)"|aria-label="([^"]*)"[^>]*aria-roledescription="bar"/g)]
    .map((m) => m[1] ?? m[2]).sort();
}

async function waitFor(probe, what) {
  const deadline = Date.now() + STEP_MS;
  for (;;) {
    const v = await probe();
    if (v) return v;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    // A browser page has no event for "the kernel's next display update arrived"; poll it with a deadline.
    await page.waitForTimeout(200);
  }
}

async function screenshot(name) {
  fs.mkdirSync(shotDir, { recursive: true });
  const file = path.join(shotDir, name);
  await page.screenshot({ path: file });
  log(`screenshot ${file}`);
}

let failed = false;
try {
  await page.goto(new URL(`lab/tree/${encodeURIComponent(notebook)}?token=${token}`, baseUrl).href);
  await page.waitForSelector(`${panel} .jp-Notebook .jp-Cell`);
  await page.waitForFunction((panel) => /Eddy/.test(document.querySelector(`${panel} .jp-KernelName`)?.textContent)
    && document.querySelector(`${panel} .jp-Notebook-ExecutionIndicator`)?.dataset.status === 'idle', panel,
  { polling: 100 });
  log(`opened ${notebook} with the Eddy kernel idle`);

  // the tutorial's setup and solution cells are collapsed, and a collapsed cell shows no execution count:
  // expand them first, as the tutorial tells students to (View > Expand All Code)
  await page.locator('.lm-MenuBar-item', { hasText: /^View$/ }).click();
  await page.locator('.lm-Menu-item', { hasText: /^Expand All Code/ }).click();
  await page.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click();
  await page.locator('.lm-Menu-item', { hasText: /^Run All Cells/ }).click();
  const ran = await (await page.waitForFunction(([sel, panel]) => {
    const all = [...document.querySelectorAll(sel)];
    const idle = document.querySelector(`${panel} .jp-Notebook-ExecutionIndicator`)?.dataset.status === 'idle';
    const error = document.querySelector(`${sel} [data-mime-type="application/vnd.jupyter.stderr"]`);
    if (error && idle) return { error: error.innerText };
    // Collapsed cells (the tutorials' setup and solutions) show an empty input prompt; the others show [n] once run.
    const prompts = all.filter((c) => c.classList.contains('jp-CodeCell'))
      .map((c) => c.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '').filter((p) => p !== '');
    const ranAll = prompts.length > 0 && prompts.every((p) => /^\[\d+\]:$/.test(p));
    return idle && ranAll ? { cells: all.length } : null;
  }, [`${panel} .jp-Notebook .jp-Cell`, panel], { polling: 100 })).jsonValue();
  assert.ok(!ran.error, `Run All of ${notebook} stopped at an error: ${ran.error}`);
  log(`Run All: every cell of ${notebook} ran (${ran.cells} cells), none failed`);

  await appendAndRun(CELLS.topic, 'a topic with three clicks');
  await appendAndRun(CELLS.stream, 'CREATE STREAM');
  const q = await appendAndRun(CELLS.query, 'a streaming %%sql query with a live chart');
  await cells.nth(q).scrollIntoViewIfNeeded();
  const first = await waitFor(async () => {
    const t = await tableText(q);
    return /home/.test(t) && /cart/.test(t) && t;
  }, 'home and cart in the live table');
  const firstChart = await waitFor(() => chartDrawing(q), 'the Vega-Lite chart to be drawn');
  assert.equal(firstChart.images, 0, 'the chart is drawn by Vega, not shown as the PNG fallback');
  assert.deepEqual(await chartBars(q), ['page: cart; visits: 1', 'page: home; visits: 2']);
  log(`first read: live table has home and cart; chart drawn (${firstChart.kind}) with their two bars`);

  await appendAndRun(CELLS.more, 'producing three more clicks');
  await cells.nth(q).scrollIntoViewIfNeeded();
  const second = await waitFor(async () => {
    const t = await tableText(q);
    return /kiwi/.test(t) && t;
  }, 'kiwi in the live table');
  assert.notEqual(second, first, 'the live table changed between the two reads');
  assert.doesNotMatch(first, /kiwi/);
  const secondChart = await waitFor(async () => {
    const c = await chartDrawing(q);
    return c && c.print !== firstChart.print && c;
  }, 'the chart to be redrawn with the new data');
  assert.equal(secondChart.images, 0);
  assert.deepEqual(await chartBars(q), ['page: cart; visits: 1', 'page: home; visits: 2', 'page: kiwi; visits: 3']);
  log('second read: live table changed (kiwi arrived) and the chart was redrawn with a third bar');
  await screenshot('jupyterlab-live-view.png');

  const f = await appendAndRun(CELLS.failing, 'a query whose filter throws');
  const failure = await waitFor(async () => {
    const t = await cells.nth(f).locator('.jp-OutputArea-output').first().innerText();
    return /FAILED/.test(t) && t;
  }, 'the failed query\'s view');
  assert.match(failure, /no pages today/, 'the view shows the query\'s error');
  await cells.nth(f).scrollIntoViewIfNeeded();
  log('the failing query shows its error in its view');
  await screenshot('jupyterlab-failed-query.png');

  const a = await appendAndRun(CELLS.alive, 'a cell after the failure');
  assert.match(await cells.nth(a).locator('.jp-OutputArea-output').first().innerText(), /still up: 42/);
  await appendAndRun(CELLS.stop, '%stream stop --all');
  assert.deepEqual(browserErrors, [], 'no uncaught errors in the page');
  log('done');
} catch (e) {
  failed = true;
  console.error(`lab: FAILED: ${e.stack ?? e}`);
  if (browserErrors.length) console.error(`lab: page errors: ${browserErrors.join('\n')}`);
  await screenshot('jupyterlab-failure.png').catch(() => {});
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
