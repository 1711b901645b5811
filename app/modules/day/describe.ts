// One timeline item in words, the same on the page and in the daily summary email.
import { formatNumber, formatTime } from '~/i18n/format';
import type { Lang, Translate } from '~/i18n/i18n';
import type { TimelineItem } from './day';

type T = Translate;

/** '1 jam 20 menit' / '1 h 20 min'. */
export function formatDuration(t: T, minutes: number) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return t('day.duration.minutes', { count: m });
  return m === 0 ? t('day.duration.hours', { count: h }) : t('day.duration.hoursMinutes', { hours: h, minutes: m });
}

export function describeItem(item: TimelineItem, t: T, lng: Lang, zone: string): { title: string; detail: string } {
  const time = (iso: string) => formatTime(iso, lng, zone);
  const join = (parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(' · ');
  switch (item.type) {
    case 'arrival':
      return {
        title: t('day.arrival'),
        detail: join([
          item.temperatureTenths !== null &&
            t(item.fever ? 'day.detail.fever' : 'day.detail.temperature', {
              temperature: formatNumber(item.temperatureTenths / 10, lng),
            }),
          item.mood && t(`mood.${item.mood}`),
          item.broughtBy && t('day.detail.broughtBy', { name: item.broughtBy }),
          item.marks && t('day.detail.marks', { marks: item.marks }),
        ]),
      };
    case 'departure':
      return {
        title: t('day.departure'),
        detail: item.pickedUpBy ? t('day.detail.pickedUpBy', { name: item.pickedUpBy }) : '',
      };
    case 'refusedPickup':
      return { title: t('day.refusedPickup'), detail: t('day.detail.refusedPickup', { name: item.personName }) };
    case 'planActivity': {
      const other = lng === 'id' ? 'en' : 'id';
      return {
        title: t('day.planActivity'),
        detail: join([item.titles[lng] ?? item.titles[other] ?? item.text, item.note]),
      };
    }
    case 'childWords':
      return { title: t('day.childWords'), detail: t('day.detail.childWords', { text: item.text }) };
    case 'absence':
      return { title: t('day.absence'), detail: t(`absence.${item.reason ?? 'unexplained'}`) };
    case 'entry': {
      const title = t(`day.kinds.${item.kind}`);
      switch (item.kind) {
        case 'meal':
        case 'snack':
          return { title, detail: join([item.data.what, t(`day.amounts.${item.data.amount}`)]) };
        case 'bottle':
          return { title, detail: join([t('day.detail.ml', { ml: item.data.ml }), t(`day.milks.${item.data.milk}`)]) };
        case 'breastfeeding':
          return { title, detail: formatDuration(t, item.data.minutes) };
        case 'nap':
          return {
            title,
            detail: item.data.end
              ? t('day.detail.napEnded', {
                  start: time(item.at),
                  end: time(item.data.end),
                  duration: formatDuration(
                    t,
                    Math.max(0, Math.round((Date.parse(item.data.end) - Date.parse(item.at)) / 60_000)),
                  ),
                })
              : t('day.detail.napOpen', { start: time(item.at) }),
          };
        case 'diaper':
          return { title, detail: t(`day.diapers.${item.data.diaper}`) };
        case 'mood':
          return { title, detail: t(`mood.${item.data.mood}`) };
        case 'activity':
        case 'note':
          return { title, detail: item.data.text };
        case 'medicine':
          return {
            title,
            detail: t('day.detail.medicine', {
              medicine: item.data.medicine,
              dose: item.data.dose,
              name: item.data.givenBy,
            }),
          };
        case 'photo':
          return { title, detail: item.data.caption ?? '' };
      }
    }
  }
}

/** The day as lines of plain text, oldest first, for the summary email. */
export function summaryText(items: TimelineItem[], t: T, lng: Lang, zone: string) {
  const lines = [...items].reverse().map((item) => {
    const { title, detail } = describeItem(item, t, lng, zone);
    const at = 'at' in item ? `${formatTime(item.at, lng, zone)} ` : '';
    return `- ${at}${title}${detail ? `: ${detail}` : ''}`;
  });
  return lines.length ? lines.join('\n') : t('day.nothingYet');
}
