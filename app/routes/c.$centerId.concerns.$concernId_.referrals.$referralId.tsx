import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { formatDate, formatLongDate } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { managesConcern } from '~/modules/concerns/concerns';
import {
  checkConcernAccess,
  concernContext,
  recordConcernView,
  referralLetter,
  refuseConcern,
} from '~/modules/concerns/concerns.server';
import { notFound } from '~/modules/http.server';
import { localDate } from '~/modules/time/time';

// A referral printed as a letter on A4: the center's letterhead, the date, the recipient, the
// child's identity as the service needs it, what is shared and on what basis, the contact person
// and signature lines. Only what the referral itself says: nothing else of the concern.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center } = await concernContext(request, params);
  const concern = await checkConcernAccess({
    centerId: center.id,
    concernId: params.concernId!,
    userId: viewer.user.id,
    roles: viewer.roles,
  });
  if (!concern) notFound();
  // Referrals are the coordinator's: the person who raised the concern does not see them.
  if (!managesConcern(viewer.roles)) {
    await refuseConcern({ actorId: viewer.user.id, concernId: concern.id });
    notFound();
  }
  const letter = await referralLetter({
    centerId: center.id,
    concernId: concern.id,
    referralId: params.referralId!,
  });
  if (!letter) {
    await refuseConcern({ actorId: viewer.user.id, concernId: concern.id });
    notFound();
  }
  await recordConcernView({ centerId: center.id, concernId: concern.id, userId: viewer.user.id });
  return { letter, sharedOn: localDate(center.timeZone, letter.shared_at), today: localDate(center.timeZone) };
}

export default function ReferralLetter() {
  const { letter, sharedOn, today } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  return (
    <article className="letter">
      <style>{'@media print { @page { size: A4; margin: 20mm; } }'}</style>
      <div className="no-print actions">
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('concerns.letter.print')}
        </button>
      </div>
      <header className="letterhead">
        <h1>{letter.centerName}</h1>
        <p>
          {[letter.centerAddress, letter.centerCity].filter(Boolean).join(', ')}
          {letter.centerPhone ? ` · ${letter.centerPhone}` : ''}
          {letter.centerEmail ? ` · ${letter.centerEmail}` : ''}
        </p>
      </header>
      <p className="letter-date">
        {t('concerns.letter.placeDate', { city: letter.centerCity, date: formatLongDate(today, lng) })}
      </p>
      <p>
        {t('concerns.letter.to')}
        <br />
        <strong>{letter.recipient}</strong>
        <br />
        {t(`concerns.services.${letter.service}.name`)}
        {letter.contact ? (
          <>
            <br />
            {letter.contact}
          </>
        ) : null}
      </p>
      <p>
        <strong>{t('concerns.letter.subject')}</strong>
      </p>
      <p>{t('concerns.letter.opening', { center: letter.centerName })}</p>
      <table className="letter-child">
        <tbody>
          <tr>
            <th scope="row">{t('concerns.letter.childName')}</th>
            <td>{letter.childName}</td>
          </tr>
          <tr>
            <th scope="row">{t('concerns.letter.birthDate')}</th>
            <td>{formatDate(letter.childBirthDate, lng)}</td>
          </tr>
          <tr>
            <th scope="row">{t('concerns.letter.sex')}</th>
            <td>{t(`sex.${letter.childSex}`)}</td>
          </tr>
        </tbody>
      </table>
      <h2>{t('concerns.letter.shared')}</h2>
      <p className="prewrap">{letter.shared_what}</p>
      <h2>{t('concerns.letter.basis')}</h2>
      <p>{t(`concerns.basis.${letter.basis}.letter`, { defaultValue: letter.basis })}</p>
      <p>
        {t('concerns.letter.sharedOn', { date: formatLongDate(sharedOn, lng) })}
        {letter.follow_up_on
          ? ` ${t('concerns.letter.followUp', { date: formatLongDate(letter.follow_up_on, lng) })}`
          : ''}
      </p>
      <p>{t('concerns.letter.confidential')}</p>
      <p>
        {t('concerns.letter.contact', { name: letter.contactPerson })}
        {letter.centerPhone ? ` · ${letter.centerPhone}` : ''}
        {` · ${letter.contactEmail}`}
      </p>
      <div className="signatures">
        <div>
          <p>{t('concerns.letter.sender')}</p>
          <div className="signature-line" />
          <p>{letter.contactPerson}</p>
        </div>
        <div>
          <p>{t('concerns.letter.receiver')}</p>
          <div className="signature-line" />
          <p>{t('concerns.letter.nameAndDate')}</p>
        </div>
      </div>
    </article>
  );
}
