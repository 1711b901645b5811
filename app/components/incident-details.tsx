import { useTranslation } from '~/i18n/translation';
import { formatDateTime } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';

export type IncidentView = {
  kind: string;
  occurredAt: string;
  location: string;
  description: string;
  peoplePresent: string;
  firstAid: string;
  guardianInformedAt: string | null;
  guardianInformedHow: string | null;
  source: string;
  signedOffAt: string | null;
  signedOffByName: string | null;
  guardianComment: string | null;
  createdAt: string;
  recordedByName: string;
  childName: string;
  centerName: string;
  timeZone: string;
};

/** One incident as staff, the family and the printed page read it. */
export function IncidentDetails({ incident: i, showSource = false }: { incident: IncidentView; showSource?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const when = (iso: string) => formatDateTime(iso, lng, i.timeZone);
  return (
    <>
      <dl className="facts incident-facts">
        <dt>{t('incidents.fields.child')}</dt>
        <dd>{i.childName}</dd>
        <dt>{t('incidents.fields.kind')}</dt>
        <dd>{t(`incidents.kinds.${i.kind}`)}</dd>
        <dt>{t('incidents.fields.occurred_at')}</dt>
        <dd>{when(i.occurredAt)}</dd>
        <dt>{t('incidents.fields.location')}</dt>
        <dd>{i.location}</dd>
        <dt>{t('incidents.fields.description')}</dt>
        <dd className="incident-text">{i.description}</dd>
        <dt>{t('incidents.fields.people_present')}</dt>
        <dd className="incident-text">{i.peoplePresent}</dd>
        <dt>{t('incidents.fields.first_aid')}</dt>
        <dd className="incident-text">{i.firstAid}</dd>
        <dt>{t('incidents.informed')}</dt>
        <dd>
          {i.guardianInformedAt && i.guardianInformedHow
            ? t('incidents.informedValue', {
                how: t(`incidents.informedHow.${i.guardianInformedHow}`),
                at: when(i.guardianInformedAt),
              })
            : t('incidents.fields.notInformed')}
        </dd>
        {showSource ? (
          <>
            <dt>{t('incidents.source')}</dt>
            <dd>{t(`incidents.sources.${i.source}`)}</dd>
          </>
        ) : null}
        <dt>{t('incidents.status')}</dt>
        <dd className={i.signedOffAt ? 'status' : 'warning-text'}>
          {i.signedOffAt
            ? t('incidents.signed', { name: i.signedOffByName ?? '', at: when(i.signedOffAt) })
            : t('incidents.unsigned')}
        </dd>
        {i.guardianComment ? (
          <>
            <dt>{t('incidents.guardianComment')}</dt>
            <dd className="incident-text">{i.guardianComment}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{t('incidents.recordedBy', { name: i.recordedByName, at: when(i.createdAt) })}</p>
    </>
  );
}
