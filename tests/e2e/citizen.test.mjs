// A citizen books two services across centres (with the Ummeldung move-in date and filters),
// confirms, downloads the calendar file and cancels through the manage link — all in German.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  newPage,
  pickService,
  screenshots,
  sharedBrowser,
} from './lib.mjs';

const browser = sharedBrowser();

function berlinDay(offsetDays) {
  const d = new Date(Date.now() + offsetDays * 86400000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d);
}

test('citizen books across centres and cancels by the manage link (German)', async () => {
  const page = await newPage(browser());
  // The hold carries the proof of work the browser solved in the background.
  const challenges = [];
  const holds = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/v1/challenge')) challenges.push(await r.json());
  });
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/holds') && r.method() === 'POST') holds.push(r.headers());
  });
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Termin im Kundenzentrum buchen' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'de');
  await page.getByRole('checkbox').first().waitFor();
  await checkA11y(page, 'citizen: start');
  await checkReflow(page, 'citizen: start');
  await screenshots(page, 'citizen-start');

  // Search narrows the catalogue; two services are chosen.
  await page.fill('#c-search', 'ausweis');
  assert.ok((await page.getByRole('checkbox', { name: 'Führerschein umtauschen' }).count()) === 0);
  await pickService(page, 'c', 'Personalausweis', 'Personalausweis beantragen');
  await pickService(page, 'c', 'ummelden', 'Wohnsitz ummelden (Umzug innerhalb Hamburgs)');

  // Ummeldung needs the move-in date first, then the deadline shows.
  await page.getByText('Bitte geben Sie zuerst Ihr Einzugsdatum an.').waitFor();
  await page.fill('#c-move-in', berlinDay(-3));
  await page.getByText(/Bitte melden Sie sich bis .* an\./).waitFor();
  const slots = page.locator('#c-slot-list > li');
  await slots.first().waitFor();
  const places = await page.locator('#c-slot-list .slot__info .kern-body').allTextContents();
  assert.ok(places.length >= 5, `expected a list of slots, got ${places.length}`);
  const times = await page.locator('#c-slot-list .slot__when').allTextContents();
  // Earliest first across all centres: several centres, unless the earliest times are all on a
  // Saturday, when only the Saturday centre is open (a search on a Friday).
  assert.ok(
    new Set(places).size >= 2 || times.every((t) => t.startsWith('Sa.')),
    `expected slots at several centres, got ${[...new Set(places)]} at ${times}`,
  );
  assert.match(times[0], /^(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. [A-ZÄÖÜ][a-zä]{2}\.?, \d\d:\d\d Uhr$/);
  await checkA11y(page, 'citizen: results');
  await checkReflow(page, 'citizen: results');
  await screenshots(page, 'citizen-results');

  // District filter: only Harburg's centres remain.
  await page.selectOption('#c-district', 'harburg');
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('#c-slot-list .slot__info .kern-body')].map((e) => e.textContent);
    return names.length > 0 && names.every((n) => /Harburg|Süderelbe/.test(n ?? ''));
  });
  await page.selectOption('#c-district', '');
  // Near me by postcode: slots carry distances.
  await page.fill('#c-near', '22765');
  await page.getByText('Sortiert nach Entfernung zu 22765.', { exact: false }).waitFor();
  await page.locator('#c-slot-list .slot__meta', { hasText: 'km entfernt' }).first().waitFor();
  // Time wish: late only.
  await page.getByLabel('spät (ab 17 Uhr)').check();
  await page.waitForFunction(() => {
    const w = [...document.querySelectorAll('#c-slot-list .slot__when')].map((e) => e.textContent ?? '');
    return w.length > 0 && w.every((t) => /, (1[7-9]|2\d):\d\d Uhr$/.test(t));
  });
  await checkA11y(page, 'citizen: filtered');

  // Choose the first slot: it is held, then the contact form.
  const first = page.locator('#c-slot-list > li').first();
  const chosenPlace = await first.locator('.slot__info .kern-body').textContent();
  await first.getByRole('button').click();
  await page.getByRole('heading', { level: 1, name: 'Termin bestätigen' }).waitFor();
  await page.getByText('Dieser Termin ist für Sie reserviert').waitFor();
  assert.ok(challenges.length >= 1 && challenges.every((c) => c.required === true), JSON.stringify(challenges));
  assert.equal(holds.length, 1);
  const [challenge, solution] = holds[0]['x-proof'].split('.');
  assert.ok(challenges.some((c) => c.challenge === challenge), 'the proof answers a challenge it was given');
  assert.match(solution, /^\d+$/);
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();
  await page.getByText('Bitte geben Sie Ihren Namen ein.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'c-name');
  await checkA11y(page, 'citizen: contact form with errors');
  await screenshots(page, 'citizen-contact');
  await page.fill('#c-name', 'Erika Mustermann');
  await page.fill('#c-email', `erika.${Date.now()}@example.org`);
  await page.getByRole('button', { name: 'Termin verbindlich buchen' }).click();

  // Confirmation: code, calendar file, manage link.
  await page.getByRole('heading', { level: 1, name: 'Termin gebucht' }).waitFor();
  const code = (await page.locator('#booking-code').textContent())?.trim() ?? '';
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  assert.ok((await page.locator('main').textContent())?.includes(chosenPlace ?? '???'));
  const ics = await page.getAttribute('#ics-link', 'href');
  const icsAnswer = await page.request.get(ics);
  assert.equal(icsAnswer.status(), 200);
  assert.match(await icsAnswer.text(), /BEGIN:VCALENDAR/);
  await checkA11y(page, 'citizen: confirmation');
  await screenshots(page, 'citizen-confirmation');
  const manage = await page.getAttribute('#manage-link', 'href');
  assert.match(manage, /^\/termin\/[A-Z0-9-]+\?token=/);

  // The manage link shows the appointment and cancels it.
  await page.click('#manage-link');
  await page.getByRole('heading', { level: 1, name: 'Ihr Termin' }).waitFor();
  await page.locator('#appointment-status', { hasText: 'gebucht' }).waitFor();
  await checkA11y(page, 'manage: booked');
  await screenshots(page, 'manage');
  await page.getByRole('button', { name: 'Termin absagen' }).click();
  await page.getByText('Möchten Sie diesen Termin wirklich absagen?').waitFor();
  await checkA11y(page, 'manage: asking to cancel');
  await page.getByRole('button', { name: 'Ja, Termin absagen' }).click();
  await page.locator('#appointment-status', { hasText: 'abgesagt' }).waitFor();
  await checkA11y(page, 'manage: cancelled');
  const token = new URL(manage, 'http://x').searchParams.get('token');
  const stored = await api(`/api/v1/appointments/${code}?token=${encodeURIComponent(token)}`);
  assert.equal(stored.body.status, 'cancelled');
  assertNoPageErrors(page);
  await page.context().close();
});

test('services without a visit lead to their online way (German)', async () => {
  const page = await newPage(browser());
  await page.goto('/');
  await pickService(page, 'c', 'Führungszeugnis', 'Führungszeugnis beantragen');
  const link = page.getByRole('link', { name: /Führungszeugnis.*online erledigen/ });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), 'https://www.fuehrungszeugnis.bund.de');
  await checkA11y(page, 'citizen: online service');
  assertNoPageErrors(page);
  await page.context().close();
});
