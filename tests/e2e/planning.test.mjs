// Capacity planning: the control room runs two scenarios side by side on the server's planning
// worker (progress while the replications run, then figures per centre, charts, the back office
// and the demand source), asks the optimizer for staff moves towards a centre whose appointment
// officers are all off sick, applies them and finds the move in the roster. Short horizons and
// two replications keep it to seconds of simulation.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  inDays,
  iso,
  newPage,
  screenshots,
  sendOfficersOffSick,
  sharedBrowser,
  signInPage,
} from './lib.mjs';

const browser = sharedBrowser();
const LONG = { timeout: 180000 }; // a loaded two-core machine simulates slowly

let sick = null; // the centre whose appointment officers are all off sick

before(async () => {
  const now = await api('/api/v1/now');
  assert.equal(now.status, 200);
  const ids = now.body.locations.map((l) => l.location_id);
  // Clear of the centres the queue and control specs use (the first and the last three).
  sick = ids[Math.floor(ids.length / 2)];
  await sendOfficersOffSick(sick, 20, 'Planungstest');
});

async function fillScenario(page, key, { name, sickPercent, demand }) {
  await page.fill(`#${key}-name`, name);
  await page.fill(`#${key}-from`, iso(inDays(7)));
  await page.fill(`#${key}-to`, iso(inDays(13)));
  await page.fill(`#${key}-sick`, sickPercent);
  await page.selectOption(`#${key}-demand-service`, demand ? 'reisepass' : '');
  await page.fill(`#${key}-demand-months`, '');
  await page.fill(`#${key}-demand-factor`, demand ? '2' : '1');
  await page.fill(`#${key}-reps`, '2');
}

test('two scenarios side by side, then a staff proposal applied as moves', async () => {
  const page = await newPage(browser(), { width: 1400, height: 1000 });
  await signInPage(page);
  await page.goto('/planning');
  await page.getByRole('heading', { level: 1, name: /Kapazitätsplanung/ }).waitFor();
  await page.locator('#a-close-centre option').nth(1).waitFor({ state: 'attached' }); // centres loaded
  await checkA11y(page, 'planning: empty');

  await fillScenario(page, 'a', { name: 'Nächste Woche, 10 % krank, Pässe x2', sickPercent: '10', demand: true });
  await fillScenario(page, 'b', { name: 'Nächste Woche wie geplant', sickPercent: '0', demand: false });
  await page.click('#a-run');
  await page.click('#b-run');
  // Both jobs wait for the one planning worker: B's progress shows while A runs.
  await page.locator('#b-progress').waitFor();
  await page.locator('#a-source').waitFor(LONG);
  await page.locator('#b-source').waitFor(LONG);
  await page.locator('#a-progress').waitFor({ state: 'detached' });
  await page.locator('#b-progress').waitFor({ state: 'detached' });

  // The demo holds 120 days of history: the figures rest on the fitted model.
  assert.match(await page.locator('#a-source').innerText(), /Historie \(\d+ Tage\)/);
  const rows = page.locator('#planning-results tbody tr');
  assert.ok((await rows.count()) > 10, 'a row per open centre');
  const sickRow = await page.locator(`#planning-results tr[data-centre="${sick}"]`).innerText();
  assert.match(sickRow, /\d+\.\d ± [\d.?]+ \| \d+\.\d ± [\d.?]+/, 'lead time of A and B');
  await page.locator('figcaption', { hasText: 'Vorlauf bis zum ersten freien Termin' }).waitFor();
  assert.ok((await page.locator('.trend .uplot').count()) >= 2, 'the charts are drawn');
  const backOffice = await page.locator('#planning-backoffice').innerText();
  assert.match(backOffice, /Offen zu Beginn/);
  assert.match(backOffice, /Auslastung\s+\d+ %\s+\d+ %/);
  await checkA11y(page, 'planning: two results');
  await checkReflow(page, 'planning: two results');
  await screenshots(page, 'planning-results');

  // The optimizer's proposal for A: staff of other centres to the sick one.
  await page.click('#propose');
  const proposal = page.locator('#proposal');
  await proposal.waitFor(LONG);
  const first = proposal.locator('tbody tr').first();
  await first.waitFor();
  const cells = await first.locator('td').allInnerTexts();
  const [staff, , to, days] = cells;
  assert.equal(to, sick, 'help goes to the centre without officers');
  const [from, last] = days.split(' – ');
  await checkA11y(page, 'planning: proposal');
  await page.fill('#actor', 'Leitstelle E2E');
  await page.click('#apply');
  await page.getByText(/Umsetzungen übernommen/).waitFor();
  assertNoPageErrors(page);

  // The move is in the roster: the staff member serves at the sick centre on those days.
  const roster = await api(`/api/v1/roster?location=${sick}&from=${from}&to=${last}`);
  assert.equal(roster.status, 200);
  assert.ok(
    roster.body.shifts.some((s) => s.staff_id === staff && s.location_id === sick),
    `${staff} has shifts at ${sick} from ${from} to ${last}`,
  );
});
