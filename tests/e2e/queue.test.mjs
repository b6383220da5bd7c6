// Walk-in queue: a counter signs in and calls a walk-in; the waiting-room display (a second
// page) shows the call within a second; the virtual ticket page says where to go; the control
// room shows the centre.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  addStaff,
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  newPage,
  screenshots,
  sharedBrowser,
  signInPage,
} from './lib.mjs';

const browser = sharedBrowser();
let location = null;

before(async () => {
  const now = await api('/api/v1/now');
  if (now.status === 200) {
    const open = now.body.locations.filter((l) => l.open_now);
    location = (open[0] ?? now.body.locations[0])?.location_id ?? null;
  }
  location ??= 'kz-altona';
});

async function issue(services = ['personalausweis']) {
  const r = await api(`/api/v1/locations/${location}/tickets`, {
    method: 'POST',
    body: { services, priority: 'none', source: 'kiosk' },
  });
  assert.equal(r.status, 201, `issuing a ticket: ${JSON.stringify(r.body)}`);
  return r.body;
}

test('counter calls a walk-in and the display shows it within a second (German)', async () => {
  const first = await issue();
  const second = await issue(['abholung-ausweis-pass', 'personalausweis']);

  // The citizen follows the second ticket on the phone.
  const ticketPage = await newPage(browser(), { width: 375, height: 812 });
  const follow = new URL(second.follow_url);
  await ticketPage.goto(follow.pathname + follow.search);
  await ticketPage.locator('#t-number', { hasText: second.number }).waitFor();
  await ticketPage.getByText(/Sie sind an Position \d+/).waitFor();
  await checkA11y(ticketPage, 'ticket: waiting');
  await screenshots(ticketPage, 'ticket');

  // The display in the waiting room.
  const display = await newPage(browser(), { width: 1280, height: 800 });
  await display.goto(`/display/${location}`);
  await display.getByRole('heading', { level: 1, name: /Hamburg Service vor Ort/ }).waitFor();
  await display.waitForFunction(() => !document.querySelector('.display__offline'), null, { timeout: 5000 });
  await checkA11y(display, 'display: before calls');

  // The counter signs in.
  const counter = await newPage(browser());
  addStaff(`e2e-schalter-${location}`, 'counter_staff', { location });
  await signInPage(counter, `e2e-schalter-${location}`);
  await counter.goto('/counter');
  await counter.getByRole('heading', { level: 1, name: 'Am Schalter anmelden' }).waitFor();
  await counter.locator(`#k-location option[value="${location}"]`).waitFor({ state: 'attached' });
  await checkA11y(counter, 'counter: sign in');
  await checkReflow(counter, 'counter: sign in');
  await screenshots(counter, 'counter-sign-in');
  await counter.selectOption('#k-location', location);
  await counter.fill('#k-counter', '7');
  await counter.getByLabel('Ohne Termin (Wartemarke)').check();
  await counter.fill('#k-staff', 'Frau Meyer');
  await counter.getByRole('button', { name: 'Schalter öffnen' }).click();
  await counter.getByRole('heading', { level: 1, name: /^Schalter 7 · / }).waitFor();
  await counter.locator('#k-waiting', { hasText: first.number }).waitFor();
  await checkA11y(counter, 'counter: open, queue');

  // Call next: the display must show the number within one second.
  await counter.getByRole('button', { name: 'Nächste Person aufrufen' }).click();
  await counter.locator('#k-ticket-number', { hasText: first.number }).waitFor();
  const called = Date.now();
  await display.locator('#d-latest-number', { hasText: first.number }).waitFor({ timeout: 1000 });
  const shownAfter = Date.now() - called;
  assert.ok(shownAfter <= 1000, `display showed the call after ${shownAfter} ms`);
  assert.match(await display.locator('#d-latest-counter').textContent(), /Bitte zu Schalter 7/);
  const beeps = await display.evaluate(() => window.__amtszeitBeeps ?? 0);
  assert.ok(beeps >= 1, 'a new call plays the chime');
  await checkA11y(counter, 'counter: ticket called');
  await screenshots(counter, 'counter');

  // Recall, start, finish.
  await counter.getByRole('button', { name: 'Erneut aufrufen' }).click();
  await counter.getByRole('button', { name: 'Person ist da – beginnen' }).click();
  await counter.getByText('in Bearbeitung').waitFor();
  await checkA11y(counter, 'counter: serving');
  await counter.getByRole('button', { name: 'Abschließen' }).click();
  await counter.getByText('Zurzeit niemand am Schalter.').waitFor();

  // The second person is called: the ticket page tells where to go.
  await counter.getByRole('button', { name: 'Nächste Person aufrufen' }).click();
  await counter.locator('#k-ticket-number', { hasText: second.number }).waitFor();
  await ticketPage.getByText('Bitte gehen Sie zu Schalter 7').waitFor({ timeout: 3000 });
  await checkA11y(ticketPage, 'ticket: called');
  await display.locator('#d-latest-number', { hasText: second.number }).waitFor({ timeout: 1000 });
  // The new call blinks for two seconds; both of its phases must stay readable, so the test
  // holds the blink in each phase (the yellow one and the usual one) while axe looks.
  for (const ms of [100, 600]) {
    const held = await display.evaluate((t) => {
      const blink = document.getAnimations();
      for (const a of blink) {
        a.pause();
        a.currentTime = t;
      }
      return blink.length;
    }, ms);
    assert.ok(held > 0, 'the new call blinks');
    await checkA11y(display, `display: new call blinking (${ms} ms)`);
  }
  await display.evaluate(() => document.getAnimations().forEach((a) => a.finish()));
  await display.locator('#d-calls', { hasText: first.number }).waitFor();
  await checkA11y(display, 'display: with calls');
  await checkReflow(display, 'display');
  await screenshots(display, 'display');

  // No-show ends it; pause and resume; the empty queue answers with a notice.
  await counter.getByRole('button', { name: 'Nicht erschienen' }).click();
  await counter.getByText('Zurzeit niemand am Schalter.').waitFor();
  await counter.getByRole('button', { name: 'Nächste Person aufrufen' }).click();
  await counter.locator('.kern-alert--info').waitFor();
  await checkA11y(counter, 'counter: nobody waiting');
  await counter.getByRole('button', { name: 'Pause', exact: true }).click();
  await counter.getByRole('button', { name: 'Pause beenden' }).click();
  await counter.getByRole('button', { name: 'Nächste Person aufrufen' }).waitFor();

  for (const p of [counter, display, ticketPage]) {
    assertNoPageErrors(p);
    await p.context().close();
  }
});

test('control room shows every centre and drills into one (German)', async () => {
  const now = await api('/api/v1/now');
  assert.equal(now.status, 200, 'GET /api/v1/now');
  const page = await newPage(browser());
  await signInPage(page);
  await page.goto('/control');
  await page.getByRole('heading', { level: 1, name: 'Alle Kundenzentren jetzt' }).waitFor();
  const rows = page.locator('#control-table tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), now.body.locations.length);
  await checkA11y(page, 'control: overview');
  await checkReflow(page, 'control: overview');
  await screenshots(page, 'control');
  const name = now.body.locations.find((l) => l.location_id === location).name;
  await page
    .locator('#control-table')
    .getByRole('link', { name: name.replace('Hamburg Service vor Ort ', ''), exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: `Details zu ${name}` }).waitFor();
  await page.locator('#cd-counter-table', { hasText: 'Frau Meyer' }).waitFor();
  assert.match(page.url(), new RegExp(`/control\\?location=${location}$`));
  await checkA11y(page, 'control: one centre');
  await screenshots(page, 'control-centre');
  await page.getByRole('button', { name: 'Zurück zur Übersicht' }).click();
  await rows.first().waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});
