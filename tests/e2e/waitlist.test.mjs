// A citizen who finds nothing suitable asks to be told of an earlier slot: the form under the
// results puts them on the waitlist with the search's services and filters; the link it shows
// opens their entry, where they can leave the list again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, assertNoPageErrors, checkA11y, newPage, pickService, sharedBrowser } from './lib.mjs';

const browser = sharedBrowser();

test('citizen joins the waitlist from the search and leaves it from the entry page', async () => {
  const page = await newPage(browser());
  await page.goto('/');
  await page.getByRole('checkbox').first().waitFor();
  await pickService(page, 'c', 'Personalausweis', 'Personalausweis beantragen');
  await page.locator('#c-slot-list > li').first().waitFor();
  await page.selectOption('#c-district', 'altona');

  await page.getByRole('button', { name: 'Über einen früheren Termin benachrichtigen' }).click();
  await page.getByRole('button', { name: 'Auf die Warteliste setzen' }).click();
  await page.getByText('Bitte geben Sie Ihren Namen und eine E-Mail-Adresse oder Mobilnummer an.').waitFor();
  await page.fill('#w-name', 'Erika Warte');
  await page.fill('#w-email', 'erika.warte@example.org');
  await checkA11y(page, 'citizen: waitlist form');
  await page.getByRole('button', { name: 'Auf die Warteliste setzen' }).click();
  await page.getByText('Sie stehen auf der Warteliste').waitFor();
  const joined = await page.getByTestId('waitlist-joined').textContent();
  const code = /Wartenummer ist ([\w-]+)\./.exec(joined ?? '')?.[1];
  assert.ok(code, `no waitlist number in "${joined}"`);
  await checkA11y(page, 'citizen: on the waitlist');

  // The entry as stored: the search's service and district, the citizen's language.
  const href = await page.getByRole('link', { name: 'Eintrag ansehen oder zurückziehen' }).getAttribute('href');
  const url = new URL(href ?? '', 'http://x');
  assert.equal(url.pathname, `/warteliste/${code}`);
  const token = url.searchParams.get('token');
  const stored = await api(`/api/v1/waitlist/${code}?token=${token}`);
  assert.equal(stored.status, 200);
  assert.deepEqual(stored.body.services, ['personalausweis']);
  assert.deepEqual(stored.body.districts, ['altona']);
  assert.equal(stored.body.contact.language, 'de');
  assert.equal(stored.body.status, 'waiting');

  await page.goto(`${url.pathname}${url.search}`);
  await page.getByRole('heading', { level: 1, name: 'Ihr Eintrag auf der Warteliste' }).waitFor();
  await checkA11y(page, 'waitlist entry');
  await page.getByRole('button', { name: 'Von der Warteliste nehmen' }).click();
  await page.getByText('Ihr Eintrag ist gelöscht.').waitFor();
  assert.equal((await api(`/api/v1/waitlist/${code}?token=${token}`)).body.status, 'cancelled');
  assertNoPageErrors(page);
  await page.close();
});
