import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { DayEntryActions } from '~/components/day-entry-actions';
import { DayNav } from '~/components/day-nav';
import { DayTimeline } from '~/components/day-timeline';
import { FeedingVisitForm } from '~/components/feeding-visit-form';
import { LiveIndicator } from '~/components/live-indicator';
import { useLive } from '~/components/use-live';
import { childContext } from '~/modules/centers/context.server';
import { familyDayAction } from '~/modules/day/actions.server';
import { pageDay } from '~/modules/day/day';
import { childForDay, dayTimeline } from '~/modules/day/day.server';
import { found } from '~/modules/http.server';
import { liveCursor } from '~/modules/live/stream.server';
import { LIVE_TYPES } from '~/modules/live/topics';

// A parent reads their child's day: today as it happens, or any day since the child started. At a
// center with a lactation room, a mother logs her own feeding visits here while the child is in.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const liveSince = liveCursor();
  const { viewer, center, today } = await childContext(request, params, { roles: [], guardians: true });
  const child = found(await childForDay({ centerId: center.id, childId: params.childId! }));
  const day = pageDay(new URL(request.url).searchParams.get('date'), { today, firstDay: child.firstDay });
  const items = await dayTimeline({ center, childId: child.id, date: day.date });
  const here = items.some((i) => i.type === 'arrival') && !items.some((i) => i.type === 'departure');
  const mine = items.filter((i) => i.type === 'entry' && i.recordedBy === viewer.user.id).length;
  return {
    child: { id: child.id, name: child.name },
    ...day,
    today,
    items,
    zone: center.timeZone,
    liveSince,
    viewerId: viewer.user.id,
    feeding: center.lactationRoom && child.enrolled && day.date === today && here,
    feedingKey: mine,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center } = await childContext(request, params, { roles: [], guardians: true });
  return familyDayAction({ request, center, viewer, childId: params.childId! });
}

/** The child's day as it happens: arrival and departure, each entry the staff log. */
const DAY_EVENTS = [LIVE_TYPES.attendance, LIVE_TYPES.day];

export default function FamilyDay() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const live = useLive(d.date === d.today ? '/family/live' : null, { since: d.liveSince, types: DAY_EVENTS });
  const viewer = { id: d.viewerId, isCoordinator: false };
  return (
    <section className="narrow">
      <h1>{t(d.date === d.today ? 'day.familyTitleToday' : 'day.familyTitle', { name: d.child.name })}</h1>
      <DayNav date={d.date} previous={d.previous} next={d.next} />
      {d.date === d.today ? (
        <p>
          <LiveIndicator status={live} />
        </p>
      ) : null}
      {d.feeding ? <FeedingVisitForm key={d.feedingKey} /> : null}
      <DayTimeline
        items={d.items}
        zone={d.zone}
        actions={(entry) => (d.date === d.today ? <DayEntryActions entry={entry} viewer={viewer} /> : null)}
      />
      <p>
        <Link to={`/family/children/${d.child.id}`}>{t('day.aboutChild', { name: d.child.name })}</Link>
      </p>
    </section>
  );
}
