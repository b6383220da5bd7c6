// An online request travels from the form to "done": the citizen fills in the Meldebescheinigung
// form and uploads a PDF, the back office takes the case and asks a question, the citizen answers
// it on the status page with a second PDF, the back office sees the answer and marks the case done
// with a note, and the citizen's status page shows "erledigt" with the note. axe checks every state.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import {
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

const PDF =
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n' +
  '2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n';

test('an online request goes from the form to done and the citizen sees it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'amtszeit-e2e-'));
  const scan = path.join(dir, 'Ausweis Vorderseite.pdf');
  writeFileSync(scan, PDF);

  // The citizen: the list of online services, then the form.
  const citizen = await newPage(browser());
  await citizen.goto('/online');
  await citizen.getByRole('link', { name: 'Meldebescheinigung' }).click();
  await citizen.getByRole('heading', { level: 1, name: 'Meldebescheinigung' }).waitFor();
  await checkA11y(citizen, 'online: empty form');

  // Sending the empty form announces what is missing and points at the first field.
  await citizen.getByRole('button', { name: 'Antrag absenden' }).click();
  await citizen.getByRole('alert').filter({ hasText: 'markierten Angaben' }).waitFor();
  assert.equal(await citizen.locator('#f-family_name').getAttribute('aria-invalid'), 'true');
  assert.equal(await citizen.locator('#f-family_name').evaluate((e) => e === document.activeElement), true);
  await checkA11y(citizen, 'online: form with errors');

  await citizen.getByLabel('Familienname').fill('Mustermann');
  await citizen.getByLabel('Vornamen').fill('Erika');
  await citizen.getByLabel('Geburtsdatum').fill('1984-08-12');
  await citizen.getByLabel('Straße und Hausnummer').fill('Caffamacherreihe 1');
  await citizen.getByLabel('Postleitzahl').fill('20355');
  await citizen.getByLabel('Ort', { exact: true }).fill('Hamburg');
  await citizen.getByLabel('Art der Bescheinigung').selectOption('einfach');
  await citizen.getByLabel(/^E-Mail-Adresse/).fill('erika@example.org');
  await citizen.getByLabel(/Kopie des Personalausweises/).setInputFiles(scan);
  await citizen.getByRole('button', { name: 'Antrag absenden' }).click();

  await citizen.getByRole('heading', { name: 'Ihr Antrag ist eingegangen', level: 2 }).waitFor();
  const code = (await citizen.locator('#case-code').textContent()).trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await checkA11y(citizen, 'online: confirmation');
  await screenshots(citizen, 'online-confirmation');
  const statusHref = await citizen.locator('#status-link').getAttribute('href');
  assert.match(statusHref, /^\/online\/status\?code=/);

  await citizen.locator('#status-link').click();
  await citizen.locator('#case-status[data-status="received"]').waitFor();
  await citizen.getByRole('link', { name: 'Ausweis Vorderseite.pdf' }).waitFor();
  await checkA11y(citizen, 'online: status received');

  // The back office: the queue, the case with its document, take it, finish it.
  // The back office is staff only: signed in as the control room (its name goes into the history).
  const office = await newPage(browser(), { width: 1400 });
  await signInPage(office);
  await office.goto('/backoffice');
  const row = office.locator(`#case-queue tr[data-code="${code}"]`);
  await row.waitFor();
  await checkA11y(office, 'back office: queue');
  await row.getByRole('button').click();
  await office.getByRole('heading', { name: `Antrag ${code}` }).waitFor();
  await office.getByText('Mustermann').waitFor();
  const docLink = office.getByRole('link', { name: 'Ausweis Vorderseite.pdf' });
  const docHref = await docLink.getAttribute('href');
  const download = await office.request.get(docHref);
  assert.equal(download.status(), 200);
  assert.equal(await download.text(), PDF);
  await checkA11y(office, 'back office: case');

  await office.getByRole('button', { name: 'Übernehmen' }).click();
  await office.locator('#detail-status', { hasText: 'in Bearbeitung' }).waitFor();

  // A question: the citizen answers it on the status page, with the back of the ID card.
  await office.getByLabel(/^Notiz/).fill('Bitte reichen Sie die Rückseite des Ausweises nach.');
  await office.getByRole('button', { name: 'Rückfrage stellen' }).click();
  await office.locator('#detail-status', { hasText: 'wartet auf Rückmeldung' }).waitFor();

  await citizen.reload();
  await citizen.locator('#case-status[data-status="waiting_for_citizen"]').waitFor();
  await citizen
    .locator('#case-question', { hasText: 'Bitte reichen Sie die Rückseite des Ausweises nach.' })
    .waitFor();
  await checkA11y(citizen, 'online: question to answer');
  await screenshots(citizen, 'online-question');
  await citizen.getByRole('button', { name: 'Antwort senden' }).click();
  await citizen.getByRole('alert').filter({ hasText: 'Bitte schreiben Sie Ihre Antwort.' }).waitFor();
  const back = path.join(dir, 'Ausweis Rückseite.pdf');
  writeFileSync(back, PDF.replace('%%EOF', '% back\n%%EOF'));
  await citizen.getByLabel('Ihre Antwort').fill('Anbei die Rückseite.');
  await citizen.getByLabel(/Kopie des Personalausweises/).setInputFiles(back);
  await citizen.getByRole('button', { name: 'Antwort senden' }).click();
  await citizen.locator('#answer-sent').waitFor();
  await citizen.locator('#case-status[data-status="in_progress"]').waitFor();
  assert.equal(await citizen.locator('#case-answer').count(), 0);
  await citizen.getByRole('link', { name: 'Ausweis Rückseite.pdf' }).waitFor();
  await checkA11y(citizen, 'online: question answered');
  await screenshots(citizen, 'online-answered');

  await office.locator(`#case-queue tr[data-code="${code}"]`).getByRole('button').click();
  await office.locator('#detail-status', { hasText: 'in Bearbeitung' }).waitFor();
  await office.getByText('Anbei die Rückseite.').waitFor();
  const backHref = await office.getByRole('link', { name: 'Ausweis Rückseite.pdf' }).getAttribute('href');
  assert.equal(await (await office.request.get(backHref)).text(), PDF.replace('%%EOF', '% back\n%%EOF'));
  await office.getByLabel(/^Notiz/).fill('Die Bescheinigung ist per E-Mail unterwegs.');
  await office.getByRole('button', { name: 'Erledigt' }).click();
  await office.locator('#detail-status', { hasText: 'erledigt' }).waitFor();
  await office.getByRole('status').filter({ hasText: 'Stand geändert' }).waitFor();
  await checkA11y(office, 'back office: done');
  await screenshots(office, 'backoffice-done');
  assert.equal(await office.locator(`#case-queue tr[data-code="${code}"]`).count(), 0);

  // The citizen reloads the status page: done, with the note.
  await citizen.reload();
  await citizen.locator('#case-status[data-status="done"]').waitFor();
  await citizen.getByText('Die Bescheinigung ist per E-Mail unterwegs.').waitFor();
  await checkA11y(citizen, 'online: status done');
  await checkReflow(citizen, 'online: status done');
  await screenshots(citizen, 'online-status-done');

  // The API agrees.
  const token = new URL(statusHref, 'http://x').searchParams.get('token');
  const seen = await api(`/api/v1/cases/${code}?token=${encodeURIComponent(token)}`);
  assert.equal(seen.body.status, 'done');

  assertNoPageErrors(citizen);
  assertNoPageErrors(office);
  await citizen.context().close();
  await office.context().close();
});

test('the online form and status page in English', async () => {
  const page = await newPage(browser(), { locale: 'en-GB' });
  await page.goto('/online/fuehrungszeugnis');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Send request' }).waitFor();
  await page.getByLabel('Date of birth').waitFor();
  await checkA11y(page, 'online (en): form');
  await page.goto('/online/status?code=AAAA-AAAA&token=nope');
  await page.getByRole('alert').filter({ hasText: 'We cannot find this request' }).waitFor();
  await checkA11y(page, 'online (en): status not found');
  await page.context().close();
});
