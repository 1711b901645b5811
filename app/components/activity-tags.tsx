import { useTranslation } from '~/i18n/translation';
import type { ActivityGrouping, ActivitySetting } from '~db/schema';
import type { TagRef } from '~/modules/activities/activities';

type Dimension = { id: string; name_id: string; name_en: string };

/** The label of a tag in the reader's language: fixed sets from the catalogs, profile dimensions from their table. */
export function useTagLabel(dimensions: readonly Dimension[]) {
  const { t, i18n } = useTranslation();
  return (tag: TagRef) => {
    if (tag.kind === 'element') return t(`activities.elements.${tag.code}`);
    if (tag.kind === 'montessori') return t(`activities.montessori.${tag.code}`);
    const dim = dimensions.find((d) => d.id === tag.code);
    return dim ? (i18n.language === 'en' ? dim.name_en : dim.name_id) : tag.code;
  };
}

/** Ages, duration, grouping and place of an activity, on one line. */
export function ActivityFacts({
  activity,
}: {
  activity: {
    minAgeMonths: number;
    maxAgeMonths: number;
    durationMinutes: number;
    grouping: ActivityGrouping;
    setting: ActivitySetting;
  };
}) {
  const { t } = useTranslation();
  return (
    <p className="hint activity-facts">
      {t('activities.ageRange', { min: activity.minAgeMonths, max: activity.maxAgeMonths })} ·{' '}
      {t('activities.minutes', { count: activity.durationMinutes })} · {t(`activities.grouping.${activity.grouping}`)} ·{' '}
      {t(`activities.setting.${activity.setting}`)}
    </p>
  );
}

/** An activity's tags as small labels, by kind. */
export function TagList({ tags, label }: { tags: readonly TagRef[]; label: (tag: TagRef) => string }) {
  const { t } = useTranslation();
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={t('activities.tags')}>
      {tags.map((tag) => (
        <li key={`${tag.kind}:${tag.code}`} className={`tag tag-${tag.kind}`}>
          {label(tag)}
        </li>
      ))}
    </ul>
  );
}
