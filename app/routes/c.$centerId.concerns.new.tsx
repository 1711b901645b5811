import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage, SelectField, TextAreaField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate } from '~/i18n/format';
import { createI18n } from '~/i18n/catalogs.server';
import type { Lang } from '~/i18n/i18n';
import { setFlash } from '~/modules/auth/session.server';
import { centerContext } from '~/modules/centers/context.server';
import { CONCERN_CATEGORIES, RaiseConcernSchema } from '~/modules/concerns/concerns';
import { concernChildren, concernPrefill, raiseConcern } from '~/modules/concerns/concerns.server';
import { failure, parseForm } from '~/modules/forms/parse.server';
import { readForm } from '~/modules/forms/read.server';

// Any staff member raises a concern, on a phone. Started from the door's arrival check
// (?attendance=) or an absence follow-up (?followUp=, coordinators), it starts filled in.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const url = new URL(request.url);
  const attendanceId = url.searchParams.get('attendance');
  const followUpId = url.searchParams.get('followUp');
  const source = attendanceId ? 'arrival_check' : followUpId ? 'absence_follow_up' : null;
  const sourceId = attendanceId ?? followUpId;
  const prefill =
    source && sourceId ? await concernPrefill({ centerId: center.id, source, sourceId, roles: viewer.roles }) : null;
  const children = await concernChildren(center.id);
  const childParam = url.searchParams.get('child');
  const childId = prefill?.childId ?? (children.some((c) => c.id === childParam) ? childParam : null);
  return {
    children: children.map((c) => ({ value: c.id, label: c.full_name })),
    start: {
      child_id: childId ?? '',
      category: prefill?.category ?? '',
      source: prefill ? source! : 'manual',
      source_id: prefill ? sourceId! : '',
      marks: prefill?.marks ?? null,
      missedDays: prefill?.missedDays ?? [],
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params);
  const formData = await readForm(request);
  const parsed = parseForm(formData, RaiseConcernSchema);
  if (!parsed.ok) return parsed.response;
  const { t } = createI18n(viewer.user.language);
  const result = await raiseConcern({
    centerId: center.id,
    actorId: viewer.user.id,
    roles: viewer.roles,
    input: parsed.data,
    followUpResolution: t('concerns.followUpResolution'),
  });
  if (!result.ok)
    return failure(
      formData,
      result.error === 'childNotFound' ? { child_id: 'errors.choose' } : { form: `errors.concern_${result.error}` },
    );
  await setFlash(viewer.session, 'flash.concernRaised');
  return redirect(`/c/${center.id}/concerns/${result.id}`);
}

export default function RaiseConcern() {
  const { children, start } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const description = start.marks
    ? t('concerns.prefill.marks', { marks: start.marks })
    : start.missedDays.length
      ? t('concerns.prefill.absences', { dates: start.missedDays.map((d) => formatDate(d, lng)).join(', ') })
      : '';
  const form = useValidatedForm(RaiseConcernSchema, {
    defaultValues: {
      child_id: start.child_id,
      category: start.category,
      description,
      source: start.source,
      source_id: start.source_id,
    },
  });
  const category = form.watch('category');
  return (
    <section className="narrow">
      <h1>{t('concerns.new.title')}</h1>
      <p className="lead">{t('concerns.new.lead')}</p>
      <Form method="post" onSubmit={form.onSubmit} noValidate className="card">
        <ErrorMessage message={form.formError} />
        <input type="hidden" {...form.register('source')} />
        <input type="hidden" {...form.register('source_id')} />
        <SelectField
          label={t('concerns.fields.child')}
          placeholder={t('concerns.new.chooseChild')}
          options={children}
          {...form.field('child_id')}
        />
        <SelectField
          label={t('concerns.fields.category')}
          placeholder={t('concerns.new.chooseCategory')}
          options={CONCERN_CATEGORIES.map((c) => ({ value: c, label: t(`concerns.categories.${c}`) }))}
          {...form.field('category')}
        />
        <TextAreaField
          label={t('concerns.fields.description')}
          hint={t('concerns.new.descriptionHint')}
          rows={5}
          {...form.field('description')}
        />
        <TextAreaField
          label={t('concerns.fields.childWords')}
          hint={t(category === 'disclosure' ? 'concerns.new.childWordsHintDisclosure' : 'concerns.new.childWordsHint')}
          rows={4}
          {...form.field('child_words')}
        />
        <p className="hint">{t('concerns.new.whoSees')}</p>
        <div className="actions">
          <button type="submit" className="primary">
            {t('concerns.new.submit')}
          </button>
        </div>
      </Form>
    </section>
  );
}
