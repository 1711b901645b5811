import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DomainProgress } from '~/components/domain-progress';
import { itemText } from '~/modules/development/development';
import { childContext } from '~/modules/centers/context.server';
import { developmentRecord } from '~/modules/development/development.server';
import { found } from '~/modules/http.server';

// Parents see their child's milestones in plain words: what the child does, what to practise together.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { center } = await childContext(request, params, { roles: [], guardians: true });
  const record = found(await developmentRecord({ center, childId: params.childId! }));
  return {
    name: record.child.name,
    band: record.band,
    progress: record.progress,
    achieved: forFamily(record.checklist.filter((i) => i.latest?.status === 'yes')),
    practise: forFamily(record.checklist.filter((i) => i.latest?.status === 'not_yet')),
    talk: record.flags.length > 0,
  };
}

type Item = NonNullable<Awaited<ReturnType<typeof developmentRecord>>>['checklist'][number];

/** Only what the family may read: the item, and the teacher's note when the teacher shared it. */
const forFamily = (items: Item[]) =>
  items.map((i) => ({
    id: i.id,
    text_id: i.text_id,
    text_en: i.text_en,
    note: i.latest?.visible_to_family ? i.latest.note : null,
  }));

export default function FamilyDevelopment() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const text = (i: { text_id: string; text_en: string }) => itemText(i, i18n.language);
  return (
    <section>
      <h1>{t('development.familyTitle', { name: d.name })}</h1>
      <p className="lead">{t('development.familyLead')}</p>
      <DomainProgress progress={d.progress} className="progress card" />
      <h2>{t('development.achieved')}</h2>
      {d.achieved.length === 0 ? <p className="empty">{t('development.nothingYet')}</p> : null}
      <ul>
        {d.achieved.map((i) => (
          <li key={i.id}>
            {text(i)}
            {i.note ? <span className="hint"> · {t('development.teacherNote', { note: i.note })}</span> : null}
          </li>
        ))}
      </ul>
      {d.practise.length > 0 ? (
        <>
          <h2>{t('development.practise')}</h2>
          <ul>
            {d.practise.map((i) => (
              <li key={i.id}>
                {text(i)}
                {i.note ? <span className="hint"> · {t('development.teacherNote', { note: i.note })}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {d.talk ? <p className="notice">{t('development.familyTalk')}</p> : null}
    </section>
  );
}
