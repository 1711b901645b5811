import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/translation';
import { ChildDocumentsCard } from '~/components/child-documents-card';
import { MoveChildCard, WithdrawChildCard } from '~/components/child-placement-cards';
import { ChildProfileCard } from '~/components/child-profile-card';
import { EmergencyContactsCard } from '~/components/emergency-contacts-card';
import { GuardiansCard } from '~/components/guardians-card';
import { PickupPersonsCard } from '~/components/pickup-persons-card';
import { formatDate, formatAge } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { childContext } from '~/modules/centers/context.server';
import { setFlash } from '~/modules/auth/session.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { clearKioskPin } from '~/modules/attendance/kiosk.server';
import { issuePasswordReset } from '~/modules/auth/passwords.server';
import {
  childProfileSchema,
  EmergencyContactSchema,
  GuardianActionSchema,
  GuardianInviteSchema,
  MoveSchema,
  PickupPersonSchema,
  RemoveSchema,
  withdrawSchema,
} from '~/modules/children/child';
import {
  addEmergencyContact,
  addPickupPerson,
  deactivatePickupPerson,
  getChildRecord,
  moveChild,
  removeEmergencyContact,
  removeGuardian,
  saveChildProfile,
  withdrawChild,
} from '~/modules/children/record.server';
import { InviteActionSchema } from '~/modules/users/invites';
import { activeInstructions } from '~/modules/day/day.server';
import { inviteGuardian, listPendingGuardianInvites, renewInvite, revokeInvite } from '~/modules/users/invites.server';
import { checkUpload, PHOTO_TYPES, readFormWithFiles } from '~/modules/files/uploads.server';
import { failure, parseForm, validateForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';
import { ageInMonths } from '~/modules/time/time';
import { isMultipart, readForm } from '~/modules/forms/read.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params);
  const ref = { centerId: center.id, childId: params.childId! };
  const canEdit = viewer.roles.includes('coordinator');
  const [record, classrooms, pendingGuardians, instructions] = await Promise.all([
    getChildRecord(ref),
    listClassrooms(center.id),
    // Pending invitations (emails not yet accepted) are the coordinator's business only.
    canEdit ? listPendingGuardianInvites(ref) : [],
    activeInstructions({ ...ref, date: today }),
  ]);
  const { child } = found(record);
  return {
    ...record!,
    pendingGuardians,
    instructions,
    canEdit,
    today,
    ageMonths: ageInMonths(child.birth_date, today),
    earliestWithdrawal: child.start_date ?? child.birth_date,
    classrooms: classrooms.map((c) => ({ id: c.id, name: c.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, center, today } = await childContext(request, params, { roles: ['coordinator'] });
  const { user, session } = viewer;
  const centerId = center.id;
  const { child } = found(await getChildRecord({ centerId, childId: params.childId! }));
  const childId = child.id;
  const base = { centerId, childId, actorId: user.id };
  const back = async (flash = 'flash.saved') => {
    await setFlash(session, flash);
    return redirect(`/c/${centerId}/children/${childId}`);
  };

  if (isMultipart(request)) {
    const { formData, uploads } = await readFormWithFiles(request);
    const parsed = validateForm(formData, PickupPersonSchema);
    const upload = uploads.get('photo');
    const photo = upload ? await checkUpload(upload, PHOTO_TYPES) : null;
    const errors = {
      ...(parsed.ok ? {} : parsed.errors),
      ...(photo && 'error' in photo ? { photo: photo.error } : {}),
    };
    if (!parsed.ok || Object.keys(errors).length) return failure(formData, errors);
    const { intent: _intent, ...person } = parsed.data;
    if (
      !(await addPickupPerson({
        ...base,
        person: { ...person, phone: person.phone! },
        photo: photo && !('error' in photo) ? photo : null,
      }))
    )
      notFound();
    return back();
  }

  const formData = await readForm(request);
  switch (formData.get('intent')) {
    case 'profile': {
      const parsed = parseForm(formData, childProfileSchema(today));
      if (!parsed.ok) return parsed.response;
      const { intent: _intent, ...profile } = parsed.data;
      await saveChildProfile({ ...base, profile });
      return back();
    }
    case 'move': {
      const parsed = parseForm(formData, MoveSchema);
      if (!parsed.ok) return parsed.response;
      if (!(await moveChild({ ...base, classroomId: parsed.data.classroom_id })))
        return failure(formData, { classroom_id: 'errors.choose' });
      return back();
    }
    case 'withdraw': {
      const parsed = parseForm(formData, withdrawSchema(today, child.start_date ?? child.birth_date));
      if (!parsed.ok) return parsed.response;
      await withdrawChild({ ...base, date: parsed.data.withdrawn_on, reason: parsed.data.withdrawn_reason });
      return back('flash.withdrawn');
    }
    case 'contact-add': {
      const parsed = parseForm(formData, EmergencyContactSchema);
      if (!parsed.ok) return parsed.response;
      await addEmergencyContact({
        ...base,
        contact: { name: parsed.data.name, relationship: parsed.data.relationship, phone: parsed.data.phone! },
      });
      return back();
    }
    case 'guardian-invite': {
      const parsed = parseForm(formData, GuardianInviteSchema);
      if (!parsed.ok) return parsed.response;
      const token = found(
        await inviteGuardian({
          ...base,
          email: parsed.data.email,
          name: parsed.data.name,
          relationship: parsed.data.relationship,
          phone: parsed.data.phone,
        }),
      );
      return data({
        link: { kind: 'invite', name: parsed.data.name, url: `${new URL(request.url).origin}/invite/${token}` },
      });
    }
    case 'invite-renew':
    case 'invite-revoke': {
      const parsed = parseForm(formData, InviteActionSchema);
      if (!parsed.ok) notFound();
      if (parsed.data.intent === 'invite-revoke') {
        if (!(await revokeInvite({ centerId, inviteId: parsed.data.id, actorId: user.id }))) notFound();
        return back();
      }
      const token = found(await renewInvite({ centerId, inviteId: parsed.data.id, actorId: user.id }));
      return data({ link: { kind: 'invite', name: '', url: `${new URL(request.url).origin}/invite/${token}` } });
    }
    case 'guardian-remove':
    case 'guardian-reset':
    case 'kiosk-pin-clear': {
      const parsed = parseForm(formData, GuardianActionSchema);
      if (!parsed.ok) notFound();
      const record = found(await getChildRecord({ centerId, childId }));
      const guardian = found(record.guardians.find((g) => g.id === parsed.data.userId));
      if (parsed.data.intent === 'guardian-remove') {
        await removeGuardian({ ...base, userId: guardian.id });
        return back();
      }
      if (parsed.data.intent === 'kiosk-pin-clear') {
        await clearKioskPin({ centerId, userId: guardian.id, actorId: user.id });
        return back();
      }
      const reset = await issuePasswordReset({ centerId, userId: guardian.id, actorId: user.id });
      if (!reset.ok) return failure(formData, { form: `errors.${reset.error}` });
      return data({
        link: { kind: 'reset', name: guardian.name, url: `${new URL(request.url).origin}/reset/${reset.token}` },
      });
    }
    case 'pickup-remove':
    case 'contact-remove': {
      const parsed = parseForm(formData, RemoveSchema);
      if (!parsed.ok) notFound();
      const removed =
        parsed.data.intent === 'pickup-remove'
          ? await deactivatePickupPerson({ ...base, id: parsed.data.id })
          : await removeEmergencyContact({ ...base, id: parsed.data.id });
      if (!removed) notFound();
      return back();
    }
    default:
      throw new Response('Bad Request', { status: 400 });
  }
}

export default function ChildRecord() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const lng = i18n.language as Lang;
  const c = d.child;
  const withdrawn = c.status === 'withdrawn';

  return (
    <section>
      <p className="eyebrow">
        {d.classroom ? (
          <Link to={`../../classrooms/${d.classroom.id}`} relative="path">
            {d.classroom.name}
          </Link>
        ) : (
          t('child.noClassroom')
        )}
      </p>
      <h1>
        {c.full_name}
        {c.nickname ? <span className="hint"> ({c.nickname})</span> : null}
      </h1>
      <p className="lead">
        {formatAge(t, d.ageMonths)} · {formatDate(c.birth_date, lng)} · <Link to="growth">{t('growth.link')}</Link> ·{' '}
        <Link to="development">{t('development.link')}</Link> · <Link to="day">{t('day.link')}</Link> ·{' '}
        <Link to={`/c/${c.center_id}/incidents?child=${c.id}`}>{t('incidents.childLink')}</Link>
        {withdrawn ? null : (
          <>
            {' · '}
            <Link to={`../../concerns/new?child=${c.id}`} relative="path">
              {t('concerns.raiseForChild')}
            </Link>
          </>
        )}
      </p>
      {withdrawn ? (
        <p className="notice" role="alert">
          {t('childRecord.withdrawnOn', { date: formatDate(c.withdrawn_on!, lng), reason: c.withdrawn_reason })}
        </p>
      ) : null}
      {c.custody_note ? (
        <p className="alert-custody" role="alert">
          <strong>{t('childRecord.custody')}:</strong> {c.custody_note}
        </p>
      ) : null}
      {d.instructions.length > 0 ? (
        <p className="alert-medical">
          <strong>{t('day.instructionsToday')}:</strong>{' '}
          {d.instructions.map((i) => `${i.medicine} · ${i.dose}`).join('; ')} · <Link to="day">{t('day.link')}</Link>
        </p>
      ) : null}
      {c.allergies || c.medical_conditions ? (
        <p className="alert-medical">
          {c.allergies ? `${t('apply.allergies')}: ${c.allergies}` : ''}{' '}
          {c.medical_conditions ? `${t('apply.medicalConditions')}: ${c.medical_conditions}` : ''}
        </p>
      ) : null}

      <div className="columns">
        <div>
          <GuardiansCard guardians={d.guardians} pending={d.pendingGuardians} canEdit={d.canEdit} />
          <PickupPersonsCard
            pickups={d.pickups}
            canEdit={d.canEdit}
            documentsPath={`/c/${c.center_id}/children/${c.id}/documents`}
          />
          <EmergencyContactsCard contacts={d.contacts} canEdit={d.canEdit} />
        </div>

        <div>
          <ChildProfileCard child={c} today={d.today} canEdit={d.canEdit} />
          {d.canEdit && !withdrawn ? (
            <>
              <MoveChildCard classroomId={c.classroom_id} classrooms={d.classrooms} />
              <WithdrawChildCard today={d.today} earliest={d.earliestWithdrawal} />
            </>
          ) : null}
          <ChildDocumentsCard documents={d.documents} canOpen={d.canEdit} />
        </div>
      </div>
    </section>
  );
}
