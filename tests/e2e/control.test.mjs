// Central steering: when every appointment officer of one centre is off sick for three weeks, the
// control room shows that centre's lead-time promise in red; a Saturday extra opening by a
// colleague from another centre, entered in the control room's form, turns it green. The public
// transparency page shows the city's figures.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import {
  CONTROL_USER,
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  inDays,
  iso,
  newPage,
  nextDayAt,
  screenshots,
  sharedBrowser,
  sendOfficersOffSick,
  signInPage,
} from './lib.mjs';

const browser = sharedBrowser();

let centre = null; // the centre that falls sick
let helper = null; // { home, staff } who opens Saturday capacity there
let saturday = null;

before(async () => {
  const now = await api('/api/v1/now');
  assert.equal(now.status, 200);
  const ids = now.body.locations.map((l) => l.location_id);
  // Keep clear of the centre the queue test uses (the first open one).
  centre = ids[ids.length - 1];
  const home = ids[ids.length - 2];
  // The next Saturday that is no public holiday (26 December can be one).
  saturday = await nextDayAt(centre, 1, (d) => d.weekday === 'Samstag');

  // Everyone with appointment shifts at the centre is off sick for three weeks.
  await sendOfficersOffSick(centre, 20, 'Grippewelle');

  // A colleague from another centre with the core skills, free that Saturday.
  const theirs = await api(`/api/v1/roster?location=${home}&from=${saturday}&to=${saturday}`);
  const busy = new Set([...theirs.body.shifts.map((x) => x.staff_id), ...theirs.body.absences.map((a) => a.staff_id)]);
  const free = theirs.body.staff.find(
    (s) => s.home_location_id === home && !busy.has(s.id) && s.skills.includes('ausweis') && s.skills.includes('melde'),
  );
  assert.ok(free, 'a free colleague');
  helper = { home, staff: free };
});

test('a centre without staff turns red; a Saturday opening from the control room turns it green', async () => {
  const page = await newPage(browser(), { width: 1400, height: 1000 });
  await signInPage(page);
  await page.goto('/control');
  const cell = page.getByTestId(`promise-location:${centre}-first_free_days`);
  await cell.waitFor();
  assert.equal(await cell.getAttribute('data-light'), 'red');
  await page.getByText(/verfehlt/).first().waitFor();
  await checkA11y(page, 'control: promises red');
  await screenshots(page, 'control-promises');

  await page.fill('#steer-reason', 'Samstagsöffnung wegen Krankheitswelle');
  await page.selectOption('#steer-home', helper.home);
  await page.locator(`#steer-staff option[value="${helper.staff.id}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#steer-staff', helper.staff.id);
  await page.fill('#steer-first', saturday);
  await page.selectOption('#steer-target', centre);
  await page.fill('#steer-from', '09:00');
  await page.fill('#steer-to', '13:00');
  await page.getByLabel(/Sonderöffnung/).check();
  await page.click('#steer-extra');
  await page.getByText(/Gespeichert\./).waitFor();
  await page.waitForFunction(
    (id) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-light') === 'green',
    `promise-location:${centre}-first_free_days`,
    { timeout: 10000 },
  );
  await page.locator('#steering-actions', { hasText: 'capacity.extra_opening' }).waitFor();
  await checkA11y(page, 'control: after extra opening');
  assertNoPageErrors(page);

  // The capacity is bookable by citizens at once.
  const slots = await api(`/api/v1/slots?services=personalausweis&locations=${centre}&from=${saturday}&to=${saturday}`);
  assert.equal(slots.status, 200);
  assert.ok(slots.body.slots.length > 0, 'Saturday slots are offered');
});

test('the public transparency page shows the promises without personal data', async () => {
  const page = await newPage(browser());
  await page.goto('/transparenz');
  await page.getByRole('heading', { level: 1, name: 'Unsere Leistungsversprechen' }).waitFor();
  await page.locator('#transparency-table').waitFor();
  const text = await page.locator('main').innerText();
  assert.ok(!/@|Mitarbeitende \d/.test(text), 'no e-mail addresses or staff names');
  await checkA11y(page, 'transparency');
  await checkReflow(page, 'transparency');
  await screenshots(page, 'transparency');
  assertNoPageErrors(page);
});

test('the control room lists appointments to rebook, keeps the measures plan and links the committee report', async () => {
  const page = await newPage(browser(), { width: 1400, height: 1000 });
  await signInPage(page);
  await page.goto('/control');
  await page.locator('#measure-title').waitFor();

  // The sick centre's appointments nobody could take over wait for the call centre.
  const rebook = await api('/api/v1/steering/rebook');
  assert.equal(rebook.status, 200);
  if (rebook.body.appointments.length > 0) {
    const first = [...rebook.body.appointments].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
    await page.locator('#rebook-table tbody tr', { hasText: first.code }).waitFor();
  } else {
    await page.getByText('Keine Termine warten auf Umbuchung.').waitFor();
  }

  // A planned measure, entered in the form, then marked as done.
  const district = (await api('/api/v1/districts')).body.districts[0];
  const title = `Samstagsöffnung ${Date.now()}`;
  await page.selectOption('#measure-district', district.id);
  await page.fill('#measure-title', title);
  await page.fill('#measure-text', 'Zwei zusätzliche Kräfte aus dem Nachbarbezirk, 9 bis 13 Uhr.');
  await page.click('#measure-save');
  const row = page.locator('#measure-table tbody tr', { hasText: title });
  await row.waitFor();
  assert.match(await row.innerText(), /geplant/);
  await checkA11y(page, 'control: measures plan');
  await row.getByRole('button', { name: /Als umgesetzt markieren/ }).click();
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('#measure-table tbody tr')].some((r) => r.textContent.includes(t) && r.textContent.includes('umgesetzt') && !r.querySelector('button')),
    title,
  );
  await screenshots(page, 'control-plan');
  const stored = (await api(`/api/v1/measures?district=${district.id}`)).body.measures.find((m) => m.title === title);
  assert.equal(stored.status, 'done');
  // The audit names whoever signed in, not the name typed into the form.
  assert.equal(stored.actor, CONTROL_USER);
  const audit = (await api('/api/v1/steering/actions')).body.actions.filter((a) => a.kind.startsWith('measure'));
  assert.ok(audit.length >= 2, 'saving and completing the measure are audited');

  // The committee report for this month (it lists the measure) as PDF, its KPI table as CSV.
  const month = new Date().toISOString().slice(0, 7);
  await page.selectOption('#report-district', district.id);
  await page.fill('#report-month', month);
  const pdfHref = await page.locator('#report-pdf').getAttribute('href');
  assert.match(pdfHref, new RegExp(`district=${district.id}&month=${month}`));
  const pdf = await page.request.get(pdfHref);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  const csv = await page.request.get(await page.locator('#report-csv').getAttribute('href'));
  assert.equal(csv.status(), 200);
  const lines = (await csv.text()).trim().split('\n');
  assert.ok(lines.length > 1, 'a header and KPI rows');
  assert.ok(lines.slice(1).every((l) => l.includes(`district:${district.id}`) || l.includes(district.id)), lines[1]);
  assertNoPageErrors(page);
});

test('closing a centre previews, then rebooks its appointments elsewhere; the closure can be lifted', async () => {
  const now = await api('/api/v1/now');
  const ids = now.body.locations.map((l) => l.location_id);
  const closing = ids[ids.length - 3];
  // The first weekday from 20 days on on which the centre offers times: public holidays and
  // 24 and 31 December are closed days.
  let closedDay = null;
  let slots = null;
  for (let ahead = 20; ahead < 50 && !closedDay; ++ahead) {
    const day = inDays(ahead);
    if (day.getDay() === 0 || day.getDay() === 6) continue;
    slots = await api(`/api/v1/slots?services=personalausweis&locations=${closing}&from=${iso(day)}&to=${iso(day)}&limit=40`);
    assert.equal(slots.status, 200);
    if (slots.body.slots.length >= 2) closedDay = iso(day);
  }
  assert.ok(closedDay, 'the centre offers slots on a weekday in those weeks');

  // Two citizens booked there that day.
  const booked = [];
  for (const [i, slot] of [slots.body.slots[0], slots.body.slots[slots.body.slots.length - 1]].entries()) {
    const hold = await api('/api/v1/holds', { method: 'POST', body: { services: ['personalausweis'], location: closing, start: slot.start } });
    assert.equal(hold.status, 201, JSON.stringify(hold.body));
    const confirmed = await api('/api/v1/appointments', {
      method: 'POST',
      body: { hold: hold.body.appointment.code, token: hold.body.token, contact: { name: `Umzug ${i}`, email: `umzug${i}-${Date.now()}@example.org` } },
    });
    assert.equal(confirmed.status, 201, JSON.stringify(confirmed.body));
    booked.push({ code: confirmed.body.appointment.code, token: confirmed.body.token, start: slot.start });
  }

  const page = await newPage(browser(), { width: 1400, height: 1000 });
  await signInPage(page);
  await page.goto('/control');
  await page.locator('#closure-centre').waitFor();
  await page.selectOption('#closure-centre', closing);
  await page.fill('#closure-first', closedDay);
  await page.fill('#closure-last', closedDay);
  await page.fill('#closure-reason', 'Wasserschaden');
  await page.click('#closure-preview');
  await page.getByText(/Vorschau: \d+ Termine würden umgebucht/).waitFor();
  for (const b of booked) await page.locator('#closure-table tr', { hasText: b.code }).waitFor();
  await checkA11y(page, 'control: closure preview');
  for (const b of booked) {
    const still = await api(`/api/v1/appointments/${b.code}?token=${b.token}`);
    assert.equal(still.body.location, closing, 'the preview changed nothing');
  }

  await page.click('#closure-close');
  await page.getByText(/Geschlossen\. \d+ Termine umgebucht/).waitFor();
  for (const b of booked) {
    const moved = await api(`/api/v1/appointments/${b.code}?token=${b.token}`);
    assert.equal(moved.status, 200, 'code and token still work');
    assert.equal(moved.body.status, 'confirmed');
    assert.notEqual(moved.body.location, closing, `${b.code} rebooked to another centre`);
    assert.ok(Date.parse(moved.body.start) >= Date.parse(closedDay), 'not moved before its day');
  }
  const offered = await api(`/api/v1/slots?services=personalausweis&locations=${closing}&from=${closedDay}&to=${closedDay}`);
  assert.equal(offered.body.slots.length, 0, 'the closed centre offers nothing that day');
  await page.locator('#closure-list li', { hasText: 'Wasserschaden' }).waitFor();
  await page.locator('#steering-actions', { hasText: 'centre.closed' }).waitFor();

  await page.locator('#closure-list li', { hasText: 'Wasserschaden' }).getByRole('button', { name: /Wieder öffnen/ }).click();
  await page.getByText('Schließung aufgehoben.').waitFor();
  const reopened = await api(`/api/v1/slots?services=personalausweis&locations=${closing}&from=${closedDay}&to=${closedDay}`);
  assert.ok(reopened.body.slots.length > 0, 'the centre offers its time again');
  assertNoPageErrors(page);
});
