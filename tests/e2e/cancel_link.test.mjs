// The reminder's cancel link (/termin/{code}?token=…&action=cancel) opens the manage page with the
// question asked and its one-click button in focus — but opening it cancels nothing, because
// mail scanners open links too. One click on the button does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, assertNoPageErrors, checkA11y, newPage, sharedBrowser } from './lib.mjs';

const browser = sharedBrowser();

async function book() {
  const slots = await api('/api/v1/slots?services=personalausweis&limit=1');
  const slot = slots.body.slots[0];
  const hold = await api('/api/v1/holds', {
    method: 'POST',
    body: { services: ['personalausweis'], location: slot.location, start: slot.start },
  });
  assert.equal(hold.status, 201);
  const confirmed = await api('/api/v1/appointments', {
    method: 'POST',
    body: {
      hold: hold.body.appointment.code,
      token: hold.body.token,
      contact: { name: 'Jörg Müller', email: 'cancel-link@example.org', language: 'de' },
    },
  });
  assert.equal(confirmed.status, 201);
  return { code: confirmed.body.appointment.code, token: confirmed.body.token };
}

test('the cancel link asks first and cancels with one click (German)', async () => {
  const { code, token } = await book();
  const status = async () =>
    (await api(`/api/v1/appointments/${code}?token=${encodeURIComponent(token)}`)).body.status;
  const page = await newPage(browser());
  await page.goto(`/termin/${code}?token=${encodeURIComponent(token)}&action=cancel`);
  await page.getByText('Möchten Sie diesen Termin wirklich absagen?').waitFor();
  const yes = page.getByRole('button', { name: 'Ja, Termin absagen' });
  await yes.waitFor();
  assert.equal(await yes.evaluate((b) => b === document.activeElement), true);
  await checkA11y(page, 'manage: cancel link');
  assert.equal(await status(), 'confirmed', 'opening the link cancels nothing');
  await yes.click();
  await page.locator('#appointment-status', { hasText: 'abgesagt' }).waitFor();
  assert.equal(await status(), 'cancelled');
  assertNoPageErrors(page);
  await page.context().close();
});
