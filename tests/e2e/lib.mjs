// Shared helpers of the browser tests: Debian's chromium through playwright-core (no browser
// download), axe checks (WCAG 2.1 A/AA) and screenshots at phone and desktop widths.
// playwright-core and @axe-core/playwright are dev dependencies of web/ and loaded from there.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
const requireFromWeb = createRequire(path.join(repoRoot, 'web', 'package.json'));
const { chromium } = requireFromWeb('playwright-core');
const { AxeBuilder } = requireFromWeb('@axe-core/playwright');

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:18080';
export const PHONE_KEY = process.env.E2E_PHONE_KEY ?? 'demo-115';
// Staff accounts: scripts/e2e makes `e2e-leitstelle` (central control); specs add others with
// addStaff(). All share the password scripts/e2e chose for this run.
export const STAFF_PASSWORD = process.env.E2E_STAFF_PASSWORD ?? '';
export const CONTROL_USER = 'e2e-leitstelle';
export const SHOT_DIR = process.env.E2E_SCREENSHOTS ?? path.join(repoRoot, 'build', 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// One browser per spec file: launched before its tests, closed after them. Call at top level;
// the returned function gives the browser inside a test.
export function sharedBrowser() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });
  return () => browser;
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** A fresh context in German (or English) at a desktop width; the API is reachable at BASE_URL. */
export async function newPage(browser, { width = 1280, height = 900, locale = 'de-DE' } = {}) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width, height },
    locale,
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.problems = problems;
  return page;
}

/** Runs axe with the WCAG 2.0/2.1 A and AA rules and fails on any violation, listing them. */
export async function checkA11y(page, state) {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`,
  );
  axeLog.push({ state, violations: result.violations.length, passes: result.passes.length });
  assert.deepEqual(summary, [], `axe violations on "${state}":\n${summary.join('\n')}`);
}

export const axeLog = [];
process.on('exit', () => {
  if (axeLog.length === 0) return;
  const bad = axeLog.filter((a) => a.violations > 0).length;
  console.log(`axe (wcag2a, wcag2aa, wcag21a, wcag21aa): ${axeLog.length} page states checked, ${bad} with violations`);
  for (const a of axeLog) console.log(`  axe ${a.violations === 0 ? 'clean' : `${a.violations} violation(s)`}: ${a.state}`);
});

/** Full-page screenshots at 375 px and 1280 px; restores the viewport afterwards. */
export async function screenshots(page, name) {
  mkdirSync(SHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOT_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** No horizontal scrolling at 320 px (WCAG 1.4.10 reflow). */
export async function checkReflow(page, state) {
  const original = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 700 });
  await page.waitForTimeout(150);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  await page.setViewportSize(original);
  assert.ok(overflow <= 1, `"${state}" scrolls sideways at 320 px by ${overflow} px`);
}

/**
 * Solves the server's proof-of-work challenge the way a script has to (GET /api/v1/challenge,
 * SHA-256 of "CHALLENGE.N" with enough leading zero bits); null when none is required.
 */
export async function solveProof() {
  const c = await (await fetch(new URL('/api/v1/challenge', BASE_URL))).json();
  if (!c.required) return null;
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${c.challenge}.${n}`).digest();
    let bits = 0;
    for (const byte of digest) {
      if (byte !== 0) {
        bits += Math.clz32(byte) - 24;
        break;
      }
      bits += 8;
    }
    if (bits >= c.bits) return `${c.challenge}.${n}`;
  }
}

/** Adds a staff account with `amtszeit user add` (password on stdin); an existing one is kept. */
export function addStaff(name, role, { location, district } = {}) {
  const args = ['user', 'add', '--db', process.env.E2E_DB, '--name', name, '--role', role];
  if (location) args.push('--location', location);
  if (district) args.push('--district', district);
  const run = spawnSync(process.env.E2E_BINARY, args, { input: `${STAFF_PASSWORD}\n`, encoding: 'utf8' });
  assert.ok(run.status === 0 || /exists/.test(run.stderr), `user add ${name}: ${run.stderr}`);
}

/** Signs a browser page's context in (the session cookie is shared by its pages). */
export async function signInPage(page, name = CONTROL_USER) {
  const r = await page.context().request.post('/api/v1/session', { data: { name, password: STAFF_PASSWORD } });
  assert.equal(r.status(), 201, `sign-in of ${name}: ${await r.text()}`);
}

// The control room's session for api(): signed in on the first staff endpoint that answers 401.
let controlSession = null;
async function controlHeaders() {
  if (!controlSession) {
    const r = await fetch(new URL('/api/v1/session', BASE_URL), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: CONTROL_USER, password: STAFF_PASSWORD }),
    });
    assert.equal(r.status, 201, `sign-in of ${CONTROL_USER}`);
    const cookie = r.headers.get('set-cookie').split(';')[0];
    controlSession = { Cookie: cookie, 'X-CSRF-Token': (await r.json()).csrf_token };
  }
  return controlSession;
}

/**
 * Calls the API. A citizen's hold (no Authorization) carries a solved proof of work; a staff
 * endpoint (401 without headers of its own) is retried as the control room.
 */
export async function api(pathname, { method = 'GET', body, headers = {} } = {}) {
  const ownHeaders = Object.keys(headers).length > 0;
  if (method === 'POST' && pathname === '/api/v1/holds' && !headers.Authorization) {
    const proof = await solveProof();
    if (proof) headers = { ...headers, 'X-Proof': proof };
  }
  const send = async (extra) => {
    const response = await fetch(new URL(pathname, BASE_URL), {
      method,
      headers: { 'Content-Type': 'application/json', ...headers, ...extra },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const first = await send({});
  if (first.status !== 401 || ownHeaders) return first;
  return send(await controlHeaders());
}

/** A local date as YYYY-MM-DD. */
export const iso = (d) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Today plus n days, local time. */
export function inDays(n) {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return d;
}

/**
 * The first day from `fromDays` days on (looking 60 days ahead) at the centre that is neither a
 * public holiday nor closed and for which `wanted(day)` holds, as YYYY-MM-DD; `day` is the
 * opening-hours entry ({date, weekday, open, holiday, closed_reason}). Tests take their days from
 * the product's own calendar, so they pass on every date of the year (Christmas included).
 */
export async function nextDayAt(centre, fromDays, wanted = () => true) {
  const r = await api(
    `/api/v1/locations/${centre}/opening-hours?from=${iso(inDays(fromDays))}&to=${iso(inDays(fromDays + 60))}`,
  );
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const day = r.body.days.find((d) => !d.holiday && !d.closed_reason && wanted(d));
  assert.ok(day, `no such day at ${centre} in the 60 days from ${iso(inDays(fromDays))}`);
  return day.date;
}

/** Marks every appointment officer of a centre off sick from today for `days` days. */
export async function sendOfficersOffSick(centre, days, reason) {
  const roster = await api(`/api/v1/roster?location=${centre}&from=${iso(inDays(0))}&to=${iso(inDays(days))}`);
  assert.equal(roster.status, 200);
  const officers = [...new Set(roster.body.shifts.filter((x) => x.mode === 'appointments').map((x) => x.staff_id))];
  assert.ok(officers.length > 0, `${centre} has no appointment officers`);
  for (const staff_id of officers) {
    const r = await api('/api/v1/absences', {
      method: 'POST',
      body: { staff_id, first: iso(inDays(0)), last: iso(inDays(days)), kind: 'sick', actor: 'E2E', reason },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
  }
}

/** Picks a service in the picker by typing into the search box and ticking its checkbox. */
export async function pickService(page, prefix, searchText, label) {
  await page.fill(`#${prefix}-search`, searchText);
  await page.getByRole('checkbox', { name: label, exact: true }).check();
}

export function assertNoPageErrors(page) {
  assert.deepEqual(page.problems, [], `browser errors:\n${page.problems.join('\n')}`);
}
