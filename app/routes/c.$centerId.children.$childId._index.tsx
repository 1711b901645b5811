import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, CheckboxGroup, ErrorMessage, Field, SelectField, TextAreaField } from '~/components/field';
import { useValidatedForm } from '~/components/use-validated-form';
import { formatDate, formatAge } from '~/i18n/format';
import type { Lang } from '~/i18n/i18n';
import { childContext } from '~/modules/centers/context.server';
import { setFlash } from '~/modules/auth/session.server';
import { listClassrooms } from '~/modules/centers/centers.server';
import { GuardiansCard } from '~/components/guardians-card';
import { RowAction } from '~/components/row-action';
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
import { IMMUNIZATION_STATUSES, SEXES } from '~/modules/enrollment/application';
import { checkUpload, PHOTO_TYPES, readFormWithFiles } from '~/modules/files/uploads.server';
import { failure, parseForm, validateForm } from '~/modules/forms/parse.server';
import { found, notFound } from '~/modules/http.server';
import { ageInMonths, WEEKDAYS } from '~/modules/time/time';
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
  const profileSchema = useMemo(() => childProfileSchema(d.today), [d.today]);
  const profile = useValidatedForm(profileSchema, {
    intent: 'profile',
    defaultValues: {
      ...Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v ?? ''])),
      consent_photos: c.consent_photos === 1,
      custody_restricts_pickup: c.custody_restricts_pickup === 1,
      schedule_days: c.schedule_days,
    },
  });
  const move = useValidatedForm(MoveSchema, { intent: 'move', defaultValues: { classroom_id: c.classroom_id ?? '' } });
  const withdrawForm = useValidatedForm(
    useMemo(() => withdrawSchema(d.today, d.earliestWithdrawal), [d.today, d.earliestWithdrawal]),
    { intent: 'withdraw', defaultValues: { withdrawn_on: d.today } },
  );
  const pickup = useValidatedForm(PickupPersonSchema, { intent: 'pickup-add' });
  const contact = useValidatedForm(EmergencyContactSchema, { intent: 'contact-add' });
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
        <Link to="development">{t('development.link')}</Link> · <Link to="day">{t('day.link')}</Link>
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

          <div className="card">
            <h2>{t('childRecord.pickups')}</h2>
            {d.pickups.length === 0 ? <p className="empty">{t('childRecord.noPickups')}</p> : null}
            <ul className="people">
              {d.pickups.map((p) => (
                <li key={p.id}>
                  {p.photo_document_id ? (
                    <img
                      src={`documents/${p.photo_document_id}`}
                      alt={t('childRecord.photoOf', { name: p.name })}
                      width={64}
                      height={64}
                    />
                  ) : (
                    <span className="no-photo" aria-hidden="true" />
                  )}
                  <div>
                    <strong>{p.name}</strong> · {p.relationship}
                    <br />
                    {p.phone} · {t('childRecord.idNumber')} {p.id_number}
                  </div>
                  {d.canEdit ? <RemoveButton intent="pickup-remove" id={p.id} name={p.name} /> : null}
                </li>
              ))}
            </ul>
            {d.canEdit ? (
              <Form method="post" encType="multipart/form-data" onSubmit={pickup.onSubmit} noValidate>
                <h3>{t('childRecord.addPickup')}</h3>
                <input type="hidden" name="intent" value="pickup-add" />
                <Field label={t('apply.guardianName')} {...pickup.field('name')} />
                <Field label={t('apply.relationship')} {...pickup.field('relationship')} />
                <Field label={t('apply.phone')} type="tel" {...pickup.field('phone')} />
                <Field
                  label={t('childRecord.idNumber')}
                  {...pickup.field('id_number')}
                  hint={t('childRecord.idNumberHint')}
                />
                <div className="field">
                  <label htmlFor="f-photo">{t('childRecord.photo')}</label>
                  <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png" capture="user" />
                  <ErrorMessage message={pickup.formState.errors.photo?.message as string | undefined} />
                </div>
                <button type="submit" className="secondary">
                  {t('childRecord.add')}
                </button>
              </Form>
            ) : null}
          </div>

          <div className="card">
            <h2>{t('childRecord.contacts')}</h2>
            <ol className="plain">
              {d.contacts.map((ct) => (
                <li key={ct.id}>
                  {ct.position}. <strong>{ct.name}</strong> ·{' '}
                  {t(`relationships.${ct.relationship}`, { defaultValue: ct.relationship })} · {ct.phone}
                  {d.canEdit ? (
                    <RemoveButton intent="contact-remove" id={ct.id} name={ct.name} className="inline" />
                  ) : null}
                </li>
              ))}
            </ol>
            {d.canEdit ? (
              <Form method="post" onSubmit={contact.onSubmit} noValidate>
                <h3>{t('childRecord.addContact')}</h3>
                <input type="hidden" name="intent" value="contact-add" />
                <Field label={t('apply.guardianName')} {...contact.field('name')} />
                <Field label={t('apply.relationship')} {...contact.field('relationship')} />
                <Field label={t('apply.phone')} type="tel" {...contact.field('phone')} />
                <button type="submit" className="secondary">
                  {t('childRecord.add')}
                </button>
              </Form>
            ) : null}
          </div>
        </div>

        <div>
          {d.canEdit ? (
            <Form method="post" onSubmit={profile.onSubmit} noValidate className="card">
              <h2>{t('childRecord.profile')}</h2>
              <input type="hidden" name="intent" value="profile" />
              <Field label={t('apply.childFullName')} {...profile.field('full_name')} />
              <Field label={t('apply.childNickname')} {...profile.field('nickname')} />
              <Field label={t('apply.birthDate')} type="date" max={d.today} {...profile.field('birth_date')} />
              <SelectField
                label={t('apply.sex')}
                options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
                {...profile.field('sex')}
              />
              <Field label={t('apply.nik')} inputMode="numeric" {...profile.field('nik')} />
              <Field
                label={t('childRecord.gestationWeeks')}
                type="number"
                inputMode="numeric"
                {...profile.field('gestation_weeks')}
                hint={t('childRecord.gestationHint')}
              />
              <TextAreaField
                label={t('childRecord.custody')}
                rows={2}
                {...profile.field('custody_note')}
                hint={t('childRecord.custodyHint')}
              />
              <CheckboxField label={t('childRecord.custodyRestricts')} {...profile.field('custody_restricts_pickup')} />
              <TextAreaField label={t('apply.allergies')} rows={2} {...profile.field('allergies')} />
              <TextAreaField label={t('apply.medicalConditions')} rows={2} {...profile.field('medical_conditions')} />
              <TextAreaField label={t('apply.medicines')} rows={2} {...profile.field('medicines')} />
              <TextAreaField label={t('apply.specialNeeds')} rows={2} {...profile.field('special_needs')} />
              <TextAreaField label={t('apply.supportNeeded')} rows={2} {...profile.field('support_needed')} />
              <SelectField
                label={t('apply.immunization')}
                placeholder="—"
                options={IMMUNIZATION_STATUSES.map((s) => ({ value: s, label: t(`immunization.${s}`) }))}
                {...profile.field('immunization_status')}
              />
              <CheckboxGroup
                legend={t('apply.days')}
                registration={profile.register('schedule_days')}
                error={profile.formState.errors.schedule_days?.message as string | undefined}
                options={WEEKDAYS.map((w) => ({ value: w, label: t(`weekdays.${w}`) }))}
              />
              <div className="two-up">
                <Field label={t('apply.hoursStart')} type="time" {...profile.field('schedule_start')} />
                <Field label={t('apply.hoursEnd')} type="time" {...profile.field('schedule_end')} />
              </div>
              <CheckboxField label={t('apply.consentPhotos')} {...profile.field('consent_photos')} />
              <button type="submit" className="primary">
                {t('actions.save')}
              </button>
            </Form>
          ) : (
            <div className="card">
              <h2>{t('childRecord.profile')}</h2>
              <dl className="facts">
                {(['allergies', 'medical_conditions', 'medicines', 'special_needs', 'support_needed'] as const).map(
                  (k) =>
                    c[k] ? (
                      <div key={k} className="fact">
                        <dt>{t(`applicationFields.${k}`)}</dt>
                        <dd>{c[k]}</dd>
                      </div>
                    ) : null,
                )}
                <div className="fact">
                  <dt>{t('apply.days')}</dt>
                  <dd>
                    {c.schedule_days.map((w) => t(`weekdays.${w}`)).join(', ')} · {c.schedule_start}–{c.schedule_end}
                  </dd>
                </div>
              </dl>
            </div>
          )}

          {d.canEdit && !withdrawn ? (
            <>
              <Form method="post" onSubmit={move.onSubmit} noValidate className="card">
                <h2>{t('childRecord.move')}</h2>
                <input type="hidden" name="intent" value="move" />
                <SelectField
                  label={t('child.classroom')}
                  options={d.classrooms.map((r) => ({ value: r.id, label: r.name }))}
                  {...move.field('classroom_id')}
                />
                <button type="submit" className="secondary">
                  {t('childRecord.moveSubmit')}
                </button>
              </Form>
              <Form method="post" onSubmit={withdrawForm.onSubmit} noValidate className="card">
                <h2>{t('childRecord.withdraw')}</h2>
                <p className="hint">{t('childRecord.withdrawHint')}</p>
                <input type="hidden" name="intent" value="withdraw" />
                <Field
                  label={t('childRecord.withdrawDate')}
                  type="date"
                  max={d.today}
                  {...withdrawForm.field('withdrawn_on')}
                />
                <Field label={t('childRecord.withdrawReason')} {...withdrawForm.field('withdrawn_reason')} />
                <button type="submit" className="secondary danger">
                  {t('childRecord.withdrawSubmit')}
                </button>
              </Form>
            </>
          ) : null}

          {d.documents.length ? (
            <div className="card">
              <h2>{t('apply.documents')}</h2>
              <ul className="plain">
                {d.documents.map((doc) => (
                  <li key={doc.id}>
                    {d.canEdit ? (
                      <Link to={`documents/${doc.id}`} reloadDocument target="_blank">
                        {t(`documents.${doc.kind}`)}
                      </Link>
                    ) : (
                      t(`documents.${doc.kind}`)
                    )}{' '}
                    <span className="hint">{doc.file_name}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}

/** Takes one person off a list (pickup persons, emergency contacts); the name is read to screen readers. */
function RemoveButton({
  intent,
  id,
  name,
  className,
}: {
  intent: string;
  id: string;
  name: string;
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form method="post" className={className}>
      <input type="hidden" name="id" value={id} />
      <RowAction intent={intent} label={t('childRecord.remove')} subject={name} />
    </Form>
  );
}
