import type { ReactNode } from 'react';
import { useTranslation } from '~/i18n/translation';
import type { Weekday } from '~/modules/time/time';

type PlanCell = { title: string | null; note: string | null; childrenChoice?: boolean };

/** A week's plan to read (the family's view, the printed week): days across, the room's blocks down. */
export function PlanTable({
  days,
  blocks,
  cellOf,
  dayLabel,
  caption,
}: {
  days: Weekday[];
  blocks: { key?: string; id: string | null; name: string }[];
  cellOf: (day: Weekday, blockId: string | null) => PlanCell | undefined;
  dayLabel: (day: Weekday) => string;
  caption?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="plan-grid">
      {caption}
      <thead>
        <tr>
          <th scope="col">{t('plans.block')}</th>
          {days.map((day) => (
            <th scope="col" key={day}>
              {dayLabel(day)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {blocks.map((block) => (
          <tr key={block.key ?? block.id}>
            <th scope="row">{block.name}</th>
            {days.map((day) => {
              const c = cellOf(day, block.id);
              return (
                <td key={day}>
                  {c?.title ? <strong>{c.title}</strong> : null}
                  {c?.title && c.note ? <br /> : null}
                  {c?.note ?? ''}
                  {c?.childrenChoice && (c.title || c.note) ? (
                    <>
                      <br />
                      <span className="badge choice-badge">{t('plans.childrenChoice')}</span>
                    </>
                  ) : null}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
