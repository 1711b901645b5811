import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { useTranslation } from '~/i18n/translation';
import { ErrorMessage } from '~/components/field';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { resolveFollowUp } from '~/modules/attendance/attendance.server';
import { openFollowUps } from '~/modules/attendance/board.server';
import { centerContext } from '~/modules/centers/context.server';
import { missedDaysColumn } from '~/modules/json-columns';
import { text } from '~/modules/forms/fields';
import { parseForm } from '~/modules/forms/parse.server';
import { notFound } from '~/modules/http.server';
import { readForm } from '~/modules/forms/read.server';

const ResolveSchema = z.object({ followUpId: z.string().min(1).max(64), resolution: text(500) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params, { roles: ['coordinator'] });
  const items = await openFollowUps({ centerId: center.id });
  return { items: items.map((f) => ({ ...f, dates: missedDaysColumn.parse(f.detail) })) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await centerContext(request, params, { roles: ['coordinator'] });
  const parsed = parseForm(await readForm(request), ResolveSchema);
  if (!parsed.ok) return parsed.response;
  if (
    !(await resolveFollowUp({
      centerId: center.id,
      followUpId: parsed.data.followUpId,
      actorId: viewer.user.id,
      resolution: parsed.data.resolution,
    }))
  )
    notFound();
  return redirect(`/c/${center.id}/follow-ups`);
}

export default function FollowUps() {
  const { items } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section>
      <h1>{t('followUps.title')}</h1>
      <p className="lead">{t('followUps.lead')}</p>
      {items.length === 0 ? <p className="empty">{t('followUps.empty')}</p> : null}
      {items.map((f) => (
        <Form method="post" key={f.id} className="card">
          <h2>
            <Link to={`../children/${f.childId}`} relative="path">
              {f.full_name}
            </Link>
          </h2>
          <p>
            {t('followUps.absences', { dates: f.dates.map((d) => formatDate(d, i18n.language as Lang)).join(', ') })}
          </p>
          <input type="hidden" name="followUpId" value={f.id} />
          <label htmlFor={`r-${f.id}`}>{t('followUps.resolution')}</label>
          <input id={`r-${f.id}`} name="resolution" />
          {actionData && 'errors' in actionData && actionData.values.followUpId === f.id ? (
            <ErrorMessage message={actionData.errors.resolution} />
          ) : null}
          <button type="submit" className="secondary">
            {t('followUps.resolve')}
          </button>
          <Link to={`../concerns/new?followUp=${f.id}`} relative="path">
            {t('concerns.makeConcern')}
          </Link>
        </Form>
      ))}
    </section>
  );
}
