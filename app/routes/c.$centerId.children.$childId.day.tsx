import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { DayEntryActions } from '~/components/day-entry-actions';
import { DayEntryForm } from '~/components/day-entry-form';
import { DayNav } from '~/components/day-nav';
import { DayTimeline } from '~/components/day-timeline';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { childContext } from '~/modules/centers/context.server';
import { dayAction } from '~/modules/day/actions.server';
import { pageDay } from '~/modules/day/day';
import { activeInstructions, childForDay, dayTimeline } from '~/modules/day/day.server';
import { found } from '~/modules/http.server';

// One child's day for staff: the timeline of any day, and today an entry for this child alone.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params, { guardians: false });
  const child = found(await childForDay({ centerId: center.id, childId: params.childId! }));
  const day = pageDay(new URL(request.url).searchParams.get('date'), { today, firstDay: child.firstDay });
  const [items, instructions] = await Promise.all([
    dayTimeline({ center, childId: child.id, date: day.date }),
    activeInstructions({ centerId: center.id, childId: child.id, date: day.date }),
  ]);
  const arrived = items.some((i) => i.type === 'arrival');
  const left = items.some((i) => i.type === 'departure');
  return {
    child: { ...child, present: day.date === today && arrived && !left },
    ...day,
    today,
    items,
    instructions,
    zone: center.timeZone,
    viewer: { id: viewer.user.id, name: viewer.user.name, isCoordinator: viewer.roles.includes('coordinator') },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params, { guardians: false });
  return dayAction({ request, center, viewer, onlyChildId: params.childId! });
}

export default function ChildDay() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section>
      <p className="eyebrow">
        <Link to="..">{d.child.fullName}</Link>
      </p>
      <h1>{t('day.childTitle', { name: d.child.name })}</h1>
      <DayNav date={d.date} previous={d.previous} next={d.next} />
      {d.instructions.length > 0 ? (
        <div className="card">
          <h2>{t('day.instructionsToday')}</h2>
          <ul className="plain">
            {d.instructions.map((i) => (
              <li key={i.id}>
                <strong>
                  {i.medicine} · {i.dose}
                </strong>
                {i.instructions ? ` · ${i.instructions}` : ''} ·{' '}
                {t('day.instructionDates', { from: formatDate(i.startsOn, lng), to: formatDate(i.endsOn, lng) })}{' '}
                <span className="hint">({t('day.instructionFrom', { name: i.guardianName })})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d.date === d.today ? (
        d.child.present ? (
          <DayEntryForm fixed children={[d.child]} instructions={d.instructions} viewerName={d.viewer.name} />
        ) : (
          <p className="notice">{t('day.childNotHere')}</p>
        )
      ) : null}
      <DayTimeline
        items={d.items}
        zone={d.zone}
        actions={(entry) => <DayEntryActions entry={entry} viewer={d.viewer} />}
      />
    </section>
  );
}
