// Staff sign-in in the browser: a staff page sends an anonymous visitor to /anmelden, a wrong
// password is refused with a clear message, the right one leads back to the page with the user's
// name and role in the header, and signing out ends the session (the page asks again).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  STAFF_PASSWORD,
  addStaff,
  api,
  assertNoPageErrors,
  checkA11y,
  checkReflow,
  newPage,
  screenshots,
  sharedBrowser,
} from './lib.mjs';

const browser = sharedBrowser();

test('staff sign in, see who they are, and sign out; a wrong password is refused (German)', async () => {
  addStaff('e2e-login', 'central_control');
  const page = await newPage(browser());
  await page.goto('/control');
  await page.waitForURL(/\/anmelden\?next=%2Fcontrol$/);
  await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
  await checkA11y(page, 'login: empty');
  await checkReflow(page, 'login: empty');
  await screenshots(page, 'login');

  await page.getByLabel('Benutzername').fill('e2e-login');
  await page.getByLabel('Passwort').fill('not-the-password');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.getByText('Benutzername oder Passwort ist falsch.').waitFor();
  await checkA11y(page, 'login: wrong password');
  assert.equal((await page.context().cookies()).filter((c) => c.name === 'amtszeit_session').length, 0);

  await page.getByLabel('Passwort').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/control$/);
  await page.getByRole('heading', { level: 1, name: 'Alle Kundenzentren jetzt' }).waitFor();
  await page.locator('#staff-user', { hasText: 'e2e-login (Leitstelle)' }).waitFor();
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'amtszeit_session');
  assert.ok(cookie, 'a session cookie');
  assert.equal(cookie.httpOnly, true);
  assert.equal(cookie.sameSite, 'Strict');
  // Scripts cannot read the session.
  assert.equal(await page.evaluate(() => document.cookie.includes('amtszeit_session')), false);

  await page.getByRole('button', { name: 'Abmelden' }).click();
  // The sign-in page; with `next` when the control page's own refresh met the ended session first.
  await page.waitForURL(/\/anmelden(\?next=%2Fcontrol)?$/);
  const me = await api('/api/v1/session', { headers: { Cookie: `amtszeit_session=${cookie.value}` } });
  assert.equal(me.status, 401, 'the old cookie no longer signs anyone in');
  await page.goto('/control');
  await page.waitForURL(/\/anmelden\?next=/);
  assertNoPageErrors(page);
  await page.context().close();
});

test('citizen pages, displays and transparency stay public', async () => {
  const page = await newPage(browser());
  for (const path of ['/', '/transparenz', '/display/kz-wilhelmsburg']) {
    await page.goto(path);
    await page.waitForTimeout(300);
    assert.equal(new URL(page.url()).pathname, path, `${path} needs no sign-in`);
  }
  await page.context().close();
});
