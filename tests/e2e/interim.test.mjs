// Interim solutions: the control room opens an interim location with its form. The centre list
// then shows it as interim, standing in for the chosen centre, and the audit has the opening. It
// opens a few weeks ahead, so the centres the other specs use today stay as they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, assertNoPageErrors, checkA11y, inDays, iso, newPage, screenshots, sharedBrowser, signInPage } from './lib.mjs';

const browser = sharedBrowser();

test('the control room opens an interim location for a centre that moves', async () => {
  const id = `kz-interim-e2e-${Date.now() % 100000}`;
  const page = await newPage(browser(), { width: 1400, height: 1000 });
  await signInPage(page);
  await page.goto('/control');
  await page.locator('#interim-id').waitFor();
  await page.locator('#interim-for option[value="kz-wilhelmsburg"]').waitFor({ state: 'attached' });

  await page.fill('#interim-id', id);
  await page.fill('#interim-name', 'Interimsstandort Wilhelmsburg im Bürgerhaus');
  await page.selectOption('#interim-district', 'hamburg-mitte');
  await page.selectOption('#interim-for', 'kz-wilhelmsburg');
  await page.fill('#interim-street', 'Mengestraße 20');
  await page.fill('#interim-postcode', '21107');
  await page.fill('#interim-lat', '53,4968');
  await page.fill('#interim-lon', '10,0107');
  await page.fill('#interim-from', iso(inDays(40)));
  await page.fill('#interim-to', iso(inDays(70)));
  await page.fill('#interim-reason', 'Umzug des Kundenzentrums');
  await page.click('#interim-open');
  await page.getByText(/Interimsstandort Wilhelmsburg im Bürgerhaus ist eröffnet/).waitFor();
  await checkA11y(page, 'control: interim location opened');
  await screenshots(page, 'control-interim');

  const opened = await api(`/api/v1/locations/${id}`);
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  assert.equal(opened.body.status, 'interim');
  assert.equal(opened.body.interim_for, 'kz-wilhelmsburg');
  assert.equal(opened.body.valid_from, iso(inDays(40)));
  assert.equal(opened.body.geo.lat, 53.4968);
  const listed = await api('/api/v1/locations?status=interim');
  assert.ok(listed.body.locations.some((l) => l.id === id), 'in the list of centres');
  const actions = await api('/api/v1/steering/actions');
  assert.equal(actions.status, 200);
  assert.ok(JSON.stringify(actions.body).includes('location.interim_opened'), 'audited');

  // The same id again is refused, and says why.
  await page.click('#interim-open');
  await page.locator('.kern-alert', { hasText: /exists already|existiert/ }).waitFor();
  // The form offers the new location to the steering forms at once.
  await page.locator(`option[value="${id}"]`).first().waitFor({ state: 'attached' });
  assertNoPageErrors(page);
});
