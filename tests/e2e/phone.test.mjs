// A call-centre agent signs in with the API key, finds services by keyboard, books for a caller
// through the phone channel, then finds the appointment by its code and cancels it (German).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  PHONE_KEY,
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  launch,
  newPage,
  screenshots,
} from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('agent books by phone and cancels by code (German)', async () => {
  const page = await newPage(browser);
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
  await page.fill('#p-phone', `040 ${Date.now() % 10000000}`);
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

  // Find by code (token from this session) and cancel.
  await page.keyboard.press('Alt+2');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'p-code');
  await page.keyboard.type(code.toLowerCase());
  await page.keyboard.press('Enter');
  await page.locator('#p-found-status', { hasText: 'gebucht' }).waitFor();
  await checkA11y(page, 'phone: found');
  await page.locator('#p-found').getByRole('button', { name: 'Termin absagen' }).click();
  await page.locator('#p-found-status', { hasText: 'abgesagt' }).waitFor();
  const tokens = JSON.parse(await page.evaluate(() => sessionStorage.getItem('amtszeit.phoneTokens')));
  const stored = await api(`/api/v1/appointments/${code}?token=${encodeURIComponent(tokens[code])}`);
  assert.equal(stored.body.status, 'cancelled');
  assert.equal(stored.body.channel, 'phone');
  assertNoPageErrors(page);
  await page.context().close();
});
