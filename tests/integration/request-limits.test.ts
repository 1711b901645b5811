import { beforeAll, describe, expect, it } from 'vitest';
import { loader as healthz } from '~/routes/healthz';
import { action as loginAction } from '~/routes/login._index';
import { action as applyAction } from '~/routes/apply.$centerId';
import { action as languageAction } from '~/routes/language';
import { twoCenters } from '../support/fixtures';
import { callAction, callLoader } from '../support/remix';

let w: Awaited<ReturnType<typeof twoCenters>>;
beforeAll(async () => {
  w = await twoCenters();
});

const manyFields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=x`).join('&');

describe('limits on every request', () => {
  it('answers a 40,000-field sign-in with 413 at once, while /healthz stays responsive', async () => {
    const started = performance.now();
    const flood = callAction(loginAction, { path: '/login', form: new URLSearchParams(manyFields(40_000)) });
    // Health is asked while the flood is being handled: it must not wait behind it.
    const healthStarted = performance.now();
    const health = await callLoader(healthz, { path: '/healthz' });
    const healthMs = performance.now() - healthStarted;
    const result = await flood;
    const floodMs = performance.now() - started;
    expect(result.status).toBe(413);
    expect(health.status).toBe(200);
    console.info(`40,000 fields: 413 in ${floodMs.toFixed(0)} ms; /healthz meanwhile in ${healthMs.toFixed(0)} ms`);
    expect(floodMs).toBeLessThan(1000);
    expect(healthMs).toBeLessThan(1000);
  });

  it('refuses a body over 64 KB and more than 300 fields, but takes 300', async () => {
    expect(
      (await callAction(loginAction, { path: '/login', form: { email: 'a@b.c', password: 'x'.repeat(70_000) } }))
        .status,
    ).toBe(413);
    expect((await callAction(loginAction, { path: '/login', form: new URLSearchParams(manyFields(301)) })).status).toBe(
      413,
    );
    const ok = await callAction(loginAction, { path: '/login', form: new URLSearchParams(manyFields(300)) });
    expect(ok.status).toBe(400);
    expect(ok.data.errors.email).toBe('errors.required');
  });

  it('takes files only where a route expects them', async () => {
    const form = new FormData();
    form.append('lang', 'en');
    expect((await callAction(languageAction, { path: '/language', form })).status).toBe(415);
  });

  it('answers a urlencoded post to the public form like any form, and a broken multipart with 400', async () => {
    const urlencoded = await callAction(applyAction, {
      path: `/apply/${w.center.id}`,
      params: { centerId: w.center.id },
      form: { intent: 'submit', child_full_name: 'Budi' },
    });
    expect(urlencoded.status).toBe(400);
    expect(urlencoded.data.errors.child_birth_date).toBe('errors.required');
    const broken = await callAction(applyAction, {
      path: `/apply/${w.center.id}`,
      params: { centerId: w.center.id },
      form: 'garbage',
      headers: { 'Content-Type': 'multipart/form-data' },
    });
    expect(broken).toMatchObject({ status: 400, data: 'Bad Request' });
  });

  it('refuses a public draft with 40,000 fields', async () => {
    const form = new FormData();
    for (let i = 0; i < 40_000; i++) form.append(`f${i}`, 'x');
    const started = performance.now();
    expect(
      (await callAction(applyAction, { path: `/apply/${w.center.id}`, params: { centerId: w.center.id }, form }))
        .status,
    ).toBe(413);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
