import { test as base, expect, type Page } from '@playwright/test';
import { getDb } from '~db/client.server';
import { createSession } from '~/modules/auth/session.server';

export const DEMO_PASSWORD = 'asuh-demo-2026';

/** Signs a demo user in by making their session directly (only sign-in tests use the form). */
async function signInAs(page: Page, email: string) {
  await page.context().addCookies([await sessionCookieFor(email)]);
}

async function sessionCookieFor(email: string) {
  const user = await getDb().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const setCookie = await createSession(new Request('http://localhost'), { userId: user.id, twoFactorPassed: true });
  const [pair] = setCookie.split(';');
  const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
  return { name, value, url: process.env.E2E_BASE_URL, httpOnly: true, sameSite: 'Lax' as const };
}

export const test = base.extend<{
  signInAs: (email: string) => Promise<void>;
  pageAs: (email: string) => Promise<Page>;
}>({
  signInAs: async ({ page }, use) => {
    await use((email) => signInAs(page, email));
  },
  /** A second person at another device: a fresh browser context, already signed in. */
  pageAs: async ({ browser }, use) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await use(async (email) => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.addCookies([await sessionCookieFor(email)]);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  page: async ({ page }, use) => {
    // An error in the browser console fails the test, as in the unit tests.
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    expect(errors, 'browser console errors').toEqual([]);
  },
});

/**
 * For live pages: marks the open page now; `stillTheSamePage` is then true only if it was never
 * reloaded or left (what it shows came by its live stream, not by a new page load).
 */
export async function markPage(page: Page) {
  await expect(page.getByRole('status').filter({ hasText: 'Diperbarui otomatis' }).first()).toBeVisible();
  await page.evaluate(() => ((window as { stillHere?: boolean }).stillHere = true));
}
export async function stillTheSamePage(page: Page) {
  return page.evaluate(() => (window as { stillHere?: boolean }).stillHere === true);
}

/**
 * Waits until the page has hydrated (root.tsx marks it). A tap before that is the browser's own
 * (a link or a form loads a new page), so a test of what React does with it waits for this.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => performance.getEntriesByName('asuh:hydrated').length > 0);
}

export { expect };
