// One flow in English: switch the language, book centre-first from the calendar, then move the
// appointment to another time through the manage link.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertNoPageErrors,
  checkA11y,
  newPage,
  pickService,
  screenshots,
  sharedBrowser,
} from './lib.mjs';

const browser = sharedBrowser();

test('citizen books centre-first and reschedules, in English', async () => {
  const page = await newPage(browser(), { locale: 'en-GB' });
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Book an appointment at a customer centre' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await pickService(page, 'c', 'identity', 'Apply for an identity card');
  await page.getByLabel('Choose a centre first, then a day').check();
  await page.selectOption('#c-centre', 'kz-eppendorf');
  const day = page.locator('.days button').first();
  await day.waitFor();
  await day.click();
  const time = page.locator('.times button').first();
  await time.waitFor();
  assert.match(await time.textContent(), /^\d\d:\d\d$/);
  await checkA11y(page, 'english: centre calendar');
  await screenshots(page, 'citizen-calendar-en');
  await page.locator('.times button').nth(2).click();
  await page.getByRole('heading', { level: 1, name: 'Confirm appointment' }).waitFor();
  await page.fill('#c-name', 'Jane Doe');
  await page.fill('#c-email', `jane.${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Book this appointment' }).click();
  await page.getByRole('heading', { level: 1, name: 'Appointment booked' }).waitFor();
  const before = await page.locator('.kern-description-list-item__value').first().textContent();
  assert.match(before, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2}, \d\d:\d\d$/);
  assert.ok((await page.locator('main').textContent()).includes('Eppendorf'));
  await checkA11y(page, 'english: confirmation');

  await page.click('#manage-link');
  await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor();
  await page.locator('#appointment-status', { hasText: 'booked' }).waitFor();
  await page.getByRole('button', { name: 'Move appointment' }).click();
  const slot = page.locator('#m-slot-list > li').first();
  await slot.waitFor();
  await checkA11y(page, 'english: choosing a new time');
  const newWhen = await slot.locator('.slot__when').textContent();
  await slot.getByRole('button').click();
  await page.getByText('Your appointment has been moved.').waitFor();
  const shown = await page.locator('#appointment-details').textContent();
  assert.ok(shown.includes(newWhen), `details show the new time ${newWhen}: ${shown}`);
  await checkA11y(page, 'english: moved');
  await screenshots(page, 'manage-en');
  assertNoPageErrors(page);
  await page.context().close();
});
