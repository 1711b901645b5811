import type { LoaderFunctionArgs } from '@remix-run/node';
import { createI18n } from '~/i18n/catalogs.server';
import type { Lang } from '~/i18n/i18n';
import { requireUser } from '~/modules/auth/require-user.server';
import { toCsv } from '~/modules/files/csv';
import { notFound } from '~/modules/http.server';
import { MONTH_FIGURES } from '~/modules/regional/figures';
import { monthParam, regionalMonths } from '~/modules/regional/regional.server';
import { figureText } from '~/modules/regional/suppression';
import { requestLanguage } from '~/i18n/language.server';

// The region by month as CSV: one line per center and month, and the region's total per month,
// with the same suppression as the pages ("<5" where a figure is hidden, empty where there is none).
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  if (!user.isRegional) notFound();
  const month = monthParam(request);
  const lng = (await requestLanguage(request, user.language)) as Lang;
  const t = createI18n(lng).t;
  const { centers, months } = await regionalMonths({ userId: user.id, month });
  const cells = (figures: (typeof months)[number]['total']) =>
    MONTH_FIGURES.map((f) => figureText(figures[f], String, '<5').replace('–', ''));
  const header = [
    t('region.csvHeader.month'),
    t('region.csvHeader.center'),
    t('region.csvHeader.city'),
    t('region.csvHeader.province'),
    ...MONTH_FIGURES.map((f) => t(`region.figures.${f}`)),
  ];
  const rows = months.flatMap((m) => [
    ...m.centers.map((c) => {
      const center = centers.find((x) => x.id === c.id)!;
      return [m.month, center.name, center.city, center.province, ...cells(c.figures)];
    }),
    [m.month, t('region.total'), '', '', ...cells(m.total)],
  ]);
  return new Response(toCsv([header, ...rows]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="region-${month}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
