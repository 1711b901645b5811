import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { GrowthView } from '~/components/growth-view';
import { childContext } from '~/modules/centers/context.server';
import { found } from '~/modules/http.server';
import { chartData, growthHistory } from '~/modules/growth/growth.server';

// Parents see their own child's growth, in plain words with the WHO chart.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await childContext(request, params, { roles: [], guardians: true });
  const { child, measurements } = found(await growthHistory({ centerId: center.id, childId: params.childId! }));
  // Staff notes on a measurement are for staff.
  return {
    name: child.nickname ?? child.full_name,
    measurements: measurements.map(({ note: _note, ...m }) => m),
    chart: chartData(child, measurements),
  };
}

export default function FamilyGrowth() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('growth.familyTitle', { name: d.name })}</h1>
      <p className="lead">{t('growth.familyLead')}</p>
      <GrowthView chart={d.chart} measurements={d.measurements} detailed={false} />
    </section>
  );
}
