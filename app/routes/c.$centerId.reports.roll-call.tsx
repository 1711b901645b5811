import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDateTime, formatTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { rollCall } from '~/modules/attendance/board.server';
import { centerContext } from '~/modules/centers/context.server';

// Emergency roll call: everyone in the building now, per room, on one printed page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await centerContext(request, params);
  return rollCall({ center });
}

export default function RollCall() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <section className="roll-call">
      <h1>{t('reports.rollCallTitle', { count: d.total })}</h1>
      <p className="lead">
        {formatDateTime(d.at, lng, d.zone)}{' '}
        <button type="button" className="secondary no-print" onClick={() => window.print()}>
          {t('roster.print')}
        </button>
      </p>
      <div className="roll-rooms">
        {d.rooms.map((room) => (
          <div key={room.id} className="card">
            <h2>
              {room.name} · {room.children.length}
            </h2>
            <p className="hint">
              {room.staff.length
                ? room.staff.map((s) => `${s.name}${s.phone ? ` (${s.phone})` : ''}`).join(', ')
                : t('reports.noStaff')}
            </p>
            <ol>
              {room.children.map((c) => (
                <li key={c.full_name + c.check_in_at}>
                  <span className="tick" aria-hidden="true">
                    ☐
                  </span>{' '}
                  {c.full_name}{' '}
                  <span className="hint">{c.check_in_at ? formatTime(c.check_in_at, lng, d.zone) : ''}</span>
                  {c.allergies || c.medical_conditions ? (
                    <span className="warning-text">
                      {' '}
                      ⚠ {[c.allergies, c.medical_conditions].filter(Boolean).join('; ')}
                    </span>
                  ) : null}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}
