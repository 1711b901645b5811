import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, Field, TextAreaField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { setFlash } from '~/modules/auth/session.server';
import { childContext } from '~/modules/centers/context.server';
import { medicineInstructionSchema, PhotoConsentSchema, RevokeInstructionSchema } from '~/modules/day/day';
import { childForDay } from '~/modules/day/day.server';
import { childInstructions, giveInstruction, revokeInstruction } from '~/modules/day/medicine.server';
import { setPhotoConsent } from '~/modules/day/photos.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';
import { found } from '~/modules/http.server';
import { childIncidentsForFamily } from '~/modules/incidents/incidents.server';
import { formatDateTime } from '~/i18n/format';

// What a guardian decides for their child at the center: photos, and medicine to be given.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params, { roles: [], guardians: true });
  const child = found(await childForDay({ centerId: center.id, childId: params.childId! }));
  const [instructions, incidents] = await Promise.all([
    childInstructions({ centerId: center.id, childId: child.id, today }),
    childIncidentsForFamily({ userId: viewer.user.id, childId: child.id }),
  ]);
  return { child, instructions, incidents, today };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params, { roles: [], guardians: true });
  const ref = { centerId: center.id, childId: params.childId! };
  const formData = await readForm(request);
  const back = async (flash: string) => {
    await setFlash(viewer.session, flash);
    return redirect(`/family/children/${ref.childId}`);
  };
  switch (formData.get('intent')) {
    case 'consent': {
      const parsed = parseForm(formData, PhotoConsentSchema);
      if (!parsed.ok) return parsed.response;
      await setPhotoConsent({ ...ref, actorId: viewer.user.id, consent: parsed.data.consent_photos === 'yes' });
      return back('flash.saved');
    }
    case 'instruction': {
      const parsed = parseForm(formData, medicineInstructionSchema(today));
      if (!parsed.ok) return parsed.response;
      const { intent: _intent, ...instruction } = parsed.data;
      await giveInstruction({ ...ref, guardianId: viewer.user.id, instruction });
      return back('flash.instructionGiven');
    }
    case 'revoke': {
      const parsed = parseForm(formData, RevokeInstructionSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await revokeInstruction({ ...ref, guardianId: viewer.user.id, instructionId: parsed.data.instructionId })))
        return failure(formData, { form: 'errors.day_instructionGone' });
      return back('flash.instructionRevoked');
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export default function FamilyChild() {
  const { child, instructions, incidents, today } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const result = useActionData<{ intent?: string; errors?: Record<string, string> }>();
  const schema = useMemo(() => medicineInstructionSchema(today), [today]);
  const give = useValidatedForm(schema, { intent: 'instruction', defaultValues: { starts_on: today, ends_on: today } });
  const consent = useValidatedForm(PhotoConsentSchema, {
    intent: 'consent',
    defaultValues: { consent_photos: child.consentPhotos ? 'yes' : 'no' },
  });
  return (
    <section className="narrow family-child">
      <h1>{child.fullName}</h1>
      <p>
        <Link to="day">{t('day.link')}</Link> · <Link to="growth">{t('growth.link')}</Link> ·{' '}
        <Link to="development">{t('development.link')}</Link>
      </p>

      <div className="card">
        <h2>{t('incidents.familyList')}</h2>
        {incidents.length === 0 ? <p className="empty">{t('incidents.familyEmpty')}</p> : null}
        <ul className="plain">
          {incidents.map((i) => (
            <li key={i.id}>
              <Link to={`/family/incidents/${i.id}`}>
                {formatDateTime(i.occurredAt, lng, i.timeZone)} · {t(`incidents.kinds.${i.kind}`)}
              </Link>{' '}
              · {i.signedOffAt ? t('incidents.signedShort') : <strong>{t('incidents.unsigned')}</strong>}
            </li>
          ))}
        </ul>
      </div>

      <Form method="post" onSubmit={consent.onSubmit} noValidate className="card">
        <h2>{t('day.consentTitle')}</h2>
        <p className="hint">{t('day.consentHint')}</p>
        <input type="hidden" name="intent" value="consent" />
        <ErrorMessage message={consent.formError} />
        <fieldset className="choices">
          <legend>{t('day.consentQuestion', { name: child.name })}</legend>
          <label className="choice">
            <input type="radio" value="yes" {...consent.register('consent_photos')} />{' '}
            <span>{t('day.consentYes')}</span>
          </label>
          <label className="choice">
            <input type="radio" value="no" {...consent.register('consent_photos')} /> <span>{t('day.consentNo')}</span>
          </label>
        </fieldset>
        <button type="submit" className="primary">
          {t('actions.save')}
        </button>
      </Form>

      <div className="card">
        <h2>{t('day.instructionsTitle')}</h2>
        <p className="hint">{t('day.instructionsHint')}</p>
        {instructions.length === 0 ? <p className="empty">{t('day.noInstructions')}</p> : null}
        {result?.intent === 'revoke' ? <ErrorMessage message={result.errors?.form} /> : null}
        <ul className="plain">
          {instructions.map((i) => (
            <li key={i.id}>
              <strong>
                {i.medicine} · {i.dose}
              </strong>{' '}
              · {t('day.instructionDates', { from: formatDate(i.startsOn, lng), to: formatDate(i.endsOn, lng) })}
              {i.instructions ? <> · {i.instructions}</> : null}{' '}
              <span className="hint">({t('day.instructionFrom', { name: i.guardianName })})</span>
              {i.revokedAt ? (
                <span className="hint"> · {t('day.revoked')}</span>
              ) : (
                <Form method="post" className="inline">
                  <input type="hidden" name="instructionId" value={i.id} />
                  <button type="submit" name="intent" value="revoke" className="link-button">
                    {t('day.revoke')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
        <Form method="post" onSubmit={give.onSubmit} noValidate className="form-grid">
          <h3>{t('day.giveInstruction')}</h3>
          <input type="hidden" name="intent" value="instruction" />
          <ErrorMessage message={give.formError} />
          <Field label={t('day.medicineName')} {...give.field('medicine')} />
          <Field label={t('day.dose')} {...give.field('dose')} hint={t('day.doseHint')} />
          <TextAreaField label={t('day.instructionText')} {...give.field('instructions')} />
          <Field label={t('day.startsOn')} type="date" min={today} {...give.field('starts_on')} />
          <Field label={t('day.endsOn')} type="date" min={today} {...give.field('ends_on')} />
          <button type="submit" className="primary">
            {t('day.giveInstructionSubmit')}
          </button>
        </Form>
      </div>
    </section>
  );
}
