import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { z } from 'zod';
import { ErrorMessage, Field } from '~/components/field';
import { RowAction } from '~/components/row-action';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { listKioskDevices, revokeKioskDevice, startPairing } from '~/modules/attendance/kiosk.server';
import { centerContext } from '~/modules/centers/context.server';
import { text } from '~/modules/forms/fields';
import { parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { notFound } from '~/modules/http.server';

const StartPairingSchema = z.object({ intent: z.literal('pair'), name: text(80) });
const RevokeSchema = z.object({ intent: z.literal('revoke'), deviceId: z.string().min(1).max(64) });

// The coordinator pairs door tablets as kiosks and revokes them (a lost or replaced tablet).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  return { devices: await listKioskDevices(center.id), timeZone: center.timeZone };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: ['coordinator'] });
  const { user } = viewer;
  const centerId = center.id;
  const formData = await readForm(request);
  if (formData.get('intent') === 'revoke') {
    const parsed = parseForm(formData, RevokeSchema);
    if (!parsed.ok || !(await revokeKioskDevice({ centerId, deviceId: parsed.data.deviceId, actorId: user.id })))
      notFound();
    return data({ pairing: null });
  }
  const parsed = parseForm(formData, StartPairingSchema);
  if (!parsed.ok) return parsed.response;
  const pairing = await startPairing({ centerId, name: parsed.data.name, actorId: user.id });
  return data({
    pairing: {
      name: parsed.data.name,
      code: pairing.code,
      expiresAt: pairing.expiresAt,
      url: `${new URL(request.url).origin}/kiosk`,
    },
  });
}

export default function Kiosks() {
  const { devices, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const form = useValidatedForm(StartPairingSchema, { intent: 'pair' });
  const pairing = actionData && 'pairing' in actionData ? actionData.pairing : null;
  return (
    <section>
      <h1>{t('kiosks.title')}</h1>
      <p className="lead">{t('kiosks.lead')}</p>
      {pairing ? (
        <div className="notice" role="status">
          <p>
            {t('kiosks.codeFor', {
              name: pairing.name,
              url: pairing.url,
              time: formatDateTime(pairing.expiresAt, lng, timeZone),
            })}
          </p>
          <p className="pairing-code">{pairing.code}</p>
        </div>
      ) : null}
      {devices.length === 0 ? <p className="empty">{t('kiosks.empty')}</p> : null}
      <ul className="plain">
        {devices.map((d) => (
          <li key={d.id} className="card row-actions">
            <strong>{d.name}</strong>{' '}
            <span className="hint">
              {d.paired_at
                ? t('kiosks.paired', {
                    time: formatDateTime(d.paired_at, lng, timeZone),
                    seen: d.last_seen_at ? formatDateTime(d.last_seen_at, lng, timeZone) : '—',
                  })
                : t('kiosks.waiting')}
            </span>
            <Form method="post">
              <input type="hidden" name="deviceId" value={d.id} />
              <RowAction intent="revoke" label={t('kiosks.revoke')} subject={d.name} className="secondary danger" />
            </Form>
          </li>
        ))}
      </ul>
      <h2>{t('kiosks.add')}</h2>
      <Form method="post" onSubmit={form.onSubmit} noValidate className="card form-grid">
        <input type="hidden" name="intent" value="pair" />
        <ErrorMessage message={form.formError} />
        <Field label={t('kiosks.name')} hint={t('kiosks.nameHint')} {...form.field('name')} />
        <button type="submit" className="primary">
          {t('kiosks.makeCode')}
        </button>
      </Form>
    </section>
  );
}
