// A call-centre agent signs in with the API key, finds services by keyboard, books for a caller
// through the phone channel, then finds the appointment with the key alone by its code and by the
// caller's phone number (written differently) and cancels it (German).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PHONE_KEY,
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  newPage,
  screenshots,
  sharedBrowser,
} from './lib.mjs';

const browser = sharedBrowser();

test('agent books by phone, finds the appointment by code and by phone number, cancels it (German)', async () => {
  const page = await newPage(browser());
  const phoneRequests = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/slots') || r.url().includes('/api/v1/holds')) {
      phoneRequests.push({ url: r.url(), auth: r.headers().authorization ?? '', body: r.postData() ?? '' });
    }
  });
  await page.goto('/phone');
  await page.getByRole('heading', { level: 1, name: 'Terminbuchung am Telefon' }).waitFor();
  await checkA11y(page, 'phone: key form');
  await screenshots(page, 'phone-sign-in');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByText('Bitte geben Sie den Schlüssel ein.').waitFor();
  await page.fill('#p-key', PHONE_KEY);
  await page.keyboard.press('Enter');
  await page.locator('#p-search').waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('amtszeit.phoneKey')), PHONE_KEY);

  // Keyboard only: Alt+1 to the search box, type, Enter picks the first match.
  await page.locator('input[type=checkbox]').first().waitFor();
  await page.keyboard.press('Alt+1');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'p-search');
  await page.keyboard.type('Reisepass beantragen');
  await page.keyboard.press('Enter');
  await page.getByRole('checkbox', { name: 'Reisepass beantragen', exact: true }).isChecked();
  assert.ok(await page.getByRole('checkbox', { name: 'Reisepass beantragen', exact: true }).isChecked());
  await page.getByLabel('früh (vor 9 Uhr)').check();
  await page.selectOption('#p-district', 'wandsbek');
  const first = page.locator('#p-slot-list > li').first();
  await first.waitFor();
  await page.waitForFunction(() => {
    const w = [...document.querySelectorAll('#p-slot-list .slot__when')].map((e) => e.textContent ?? '');
    return w.length > 0 && w.every((t) => /, 0[78]:\d\d Uhr$/.test(t));
  });
  await checkA11y(page, 'phone: results');
  await checkReflow(page, 'phone: results');
  await screenshots(page, 'phone');
  await first.getByRole('button').click();
  await page.getByText('Dieser Termin ist für Sie reserviert').waitFor();
  await page.fill('#p-name', 'Hans Hansen');
  const callerDigits = String(1000000 + (Date.now() % 9000000));
  await page.fill('#p-phone', `040 ${callerDigits}`);
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
  const code = (await page.locator('#booking-code').textContent({ timeout: 5000 }))?.trim() ?? '';
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await checkA11y(page, 'phone: booked');

  // Every search and hold went through the phone channel with the key.
  const slotCalls = phoneRequests.filter((r) => r.url.includes('/slots'));
  assert.ok(slotCalls.length > 0);
  assert.ok(slotCalls.every((r) => r.url.includes('channel=phone') && r.auth === `Bearer ${PHONE_KEY}`));
  const hold = phoneRequests.find((r) => r.url.endsWith('/holds'));
  assert.equal(JSON.parse(hold.body).channel, 'phone');
  assert.equal(hold.auth, `Bearer ${PHONE_KEY}`);

  // Find by code with the key alone (no citizen token): lower case, without the dash.
  const findRequests = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/appointments') && r.method() !== 'POST') {
      findRequests.push({ url: r.url(), method: r.method(), auth: r.headers().authorization ?? '' });
    }
  });
  await page.keyboard.press('Alt+2');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'p-find');
  await page.keyboard.type(code.toLowerCase().replace('-', ''));
  await page.keyboard.press('Enter');
  await page.locator(`#p-r-${code}-status`, { hasText: 'gebucht' }).waitFor();
  await page.locator('#p-results-status', { hasText: '1 Termin gefunden.' }).waitFor();
  await checkA11y(page, 'phone: found by code');

  // An unknown code says so in the live region.
  await page.fill('#p-find', 'ZZZZ-ZZZZ');
  await page.keyboard.press('Enter');
  await page.locator('#p-results-status', { hasText: 'Keinen Termin mit der Buchungsnummer ZZZZ-ZZZZ' }).waitFor();
  assert.equal(await page.locator('#p-results').count(), 0);

  // Find by the caller's phone number written differently (+49, no leading 0), then cancel.
  await page.keyboard.press('Alt+2');
  await page.fill('#p-find', `+49 (40) ${callerDigits}`);
  await page.keyboard.press('Enter');
  const found = page.locator(`#p-r-${code}`);
  await found.waitFor();
  await page.locator('#p-results-status', { hasText: /Termine? gefunden/ }).waitFor();
  assert.match(await found.textContent(), /Hans Hansen/);
  await checkA11y(page, 'phone: found by phone');
  await screenshots(page, 'phone-found');
  await found.getByRole('button', { name: 'Termin absagen' }).click();
  await page.getByText(`Termin ${code} wirklich absagen?`).waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, `p-r-${code}-yes`);
  await checkA11y(page, 'phone: cancel question');
  await page.keyboard.press('Enter');
  await page.locator(`#p-r-${code}-status`, { hasText: 'abgesagt' }).waitFor();
  await page.getByRole('status').filter({ hasText: `Termin ${code} ist abgesagt.` }).waitFor();
  assert.equal(await found.getByRole('button', { name: 'Termin absagen' }).count(), 0);
  await page.waitForFunction((id) => document.activeElement?.id === id, `p-r-${code}-title`);
  await checkA11y(page, 'phone: cancelled');

  // Every lookup used the key, never a citizen token; the server agrees it is cancelled.
  assert.ok(findRequests.some((r) => r.url.includes('contact=') && r.method === 'GET'));
  assert.ok(findRequests.some((r) => r.method === 'DELETE'));
  assert.ok(findRequests.every((r) => r.auth === `Bearer ${PHONE_KEY}` && !r.url.includes('token=')));
  const stored = await api(`/api/v1/appointments/${code}`, { headers: { Authorization: `Bearer ${PHONE_KEY}` } });
  assert.equal(stored.status, 200);
  assert.equal(stored.body.status, 'cancelled');
  assert.equal(stored.body.channel, 'phone');
  const upcoming = await api(`/api/v1/appointments?contact=${encodeURIComponent(`040 ${callerDigits}`)}`, {
    headers: { Authorization: `Bearer ${PHONE_KEY}` },
  });
  assert.ok(!upcoming.body.appointments.some((a) => a.code === code));
  assertNoPageErrors(page);
  await page.context().close();
});
