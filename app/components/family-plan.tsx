import { useTranslation } from '~/i18n/translation';
import { formatDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import type { Weekday } from '~/modules/time/time';
import { PlanTable } from './plan-table';
import { ScrollTable } from './scroll-table';

export type FamilyPlan = {
  classroomId: string;
  classroomName: string;
  weekStart: string;
  theme: string;
  days: Weekday[];
  blocks: { id: string; name: string }[];
  cells: { blockId: string; day: Weekday; title: string | null; note: string; childrenChoice: boolean }[];
};

/** A room's published plan for this week, as a family reads it: days across, the room's blocks down. */
export function FamilyPlanTable({ plan }: { plan: FamilyPlan }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const headingId = `plan-${plan.classroomId}`;
  return (
    <section aria-labelledby={headingId} className="card">
      <h2 id={headingId}>
        {t('plans.familyTitle')} · {plan.classroomName}
      </h2>
      <p className="lead">
        {t('plans.weekOf', { date: formatDate(plan.weekStart, lng) })}
        {plan.theme ? ` · ${t('plans.themeValue', { theme: plan.theme })}` : ''}
      </p>
      <ScrollTable label={`${plan.classroomName} · ${t('plans.weekOf', { date: formatDate(plan.weekStart, lng) })}`}>
        <PlanTable
          days={plan.days}
          blocks={plan.blocks}
          cellOf={(day, blockId) => plan.cells.find((c) => c.blockId === blockId && c.day === day)}
          dayLabel={(day) => t(`weekdays.${day}`)}
        />
      </ScrollTable>
    </section>
  );
}
