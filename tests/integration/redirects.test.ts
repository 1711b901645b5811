import { beforeAll, describe, it } from 'vitest';
import { getDb } from '~db/client.server';
import { makeUser } from '~db/seed/factories';
import { action as languageAction } from '~/routes/language';
import { action as loginAction } from '~/routes/login._index';
import { callAction, expectRedirect } from '../support/remix';

const PASSWORD = 'correct horse battery';
const email = 'arah@example.test';

beforeAll(async () => {
  await makeUser(getDb(), { email, password: PASSWORD, name: 'Staf Arah' });
});

describe('redirects after a form', () => {
  it.each([
    ['a newline (never a 500 from the header)', '/account\nSet-Cookie: stolen=1'],
    ['a tab browsers strip into //', '/\t/evil.example'],
    ['a backslash', '/\\evil.example'],
  ])('sign-in with redirectTo holding %s goes home', async (_name, redirectTo) => {
    const result = await callAction(loginAction, {
      path: '/login',
      form: { email, password: PASSWORD, redirectTo },
      ip: '10.9.0.1',
    });
    expectRedirect(result, '/');
  });

  it('the language switch with a redirectTo holding a newline goes home', async () => {
    expectRedirect(
      await callAction(languageAction, { path: '/language', form: { lang: 'en', redirectTo: '/\n/evil.example' } }),
      '/',
    );
  });
});
