// Photos of the day: checked by content, turned upright, made smaller and re-encoded without any
// metadata (EXIF, GPS location, camera, XMP) before they are stored; served only to the center's
// staff and to guardians of a child in the photo, and to no one once any child's family has not
// consented (or withdrew consent).
import sharp from 'sharp';
import { getDb } from '~db/client.server';
import { recordChange } from '../audit/audit.server';
import type { SessionUser } from '../auth/require-user.server';
import { checkUpload, type CheckedUpload, type Upload } from '../files/uploads.server';
import { publish } from '../live/bus.server';
import { childTopic, LIVE_TYPES, roomTopic } from '../live/topics';

export const DAY_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** The long side of a stored photo: plenty for a phone screen, a fraction of a camera's file. */
export const PHOTO_LONG_SIDE = 1600;

/** The upload as it will be stored (a JPEG without metadata), or an i18n error key for the photo field. */
export async function preparePhoto(upload: Upload): Promise<{ error: string } | CheckedUpload> {
  const checked = await checkUpload(upload, DAY_PHOTO_TYPES);
  if ('error' in checked) return checked;
  try {
    // rotate() applies the EXIF orientation to the pixels; sharp writes no metadata unless asked.
    const bytes = await sharp(checked.bytes, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    return { fileName: checked.fileName, bytes, mimeType: 'image/jpeg' };
  } catch {
    // A file that starts like an image but is not one sharp can read.
    return { error: 'errors.fileTypePhoto' };
  }
}

/**
 * The stored photo, if this person may see it: staff of its center, or a guardian of a child it
 * shows; and only while every child in it has photo consent. Null otherwise (the route answers 404).
 */
export async function photoForViewer({ documentId, user }: { documentId: string; user: SessionUser }) {
  const db = getDb();
  const doc = await db
    .selectFrom('documents')
    .select(['id', 'center_id', 'storage_key', 'mime_type', 'file_name'])
    .where('id', '=', documentId)
    .where('kind', '=', 'day_photo')
    .executeTakeFirst();
  if (!doc) return null;
  const tagged = await db
    .selectFrom('day_entries')
    .innerJoin('children', 'children.id', 'day_entries.child_id')
    .select(['children.id', 'children.consent_photos'])
    .where('day_entries.photo_document_id', '=', doc.id)
    .where('day_entries.center_id', '=', doc.center_id)
    .execute();
  if (tagged.length === 0 || tagged.some((c) => c.consent_photos !== 1)) return null;
  const staff = user.memberships.some((m) => m.centerId === doc.center_id);
  if (staff) return doc;
  const guardian = await db
    .selectFrom('guardians')
    .select('id')
    .where('user_id', '=', user.id)
    .where('center_id', '=', doc.center_id)
    .where(
      'child_id',
      'in',
      tagged.map((c) => c.id),
    )
    .executeTakeFirst();
  return guardian ? doc : null;
}

/**
 * A guardian gives or withdraws consent to photos of their child (audited). Withdrawing hides every
 * photo that shows the child, from every family and from staff; the pages showing those photos are
 * told to refresh.
 */
export async function setPhotoConsent({
  centerId,
  childId,
  actorId,
  consent,
}: {
  centerId: string;
  childId: string;
  actorId: string;
  consent: boolean;
}) {
  await getDb()
    .transaction()
    .execute(async (trx) => {
      const child = await trx
        .selectFrom('children')
        .select(['consent_photos'])
        .where('id', '=', childId)
        .where('center_id', '=', centerId)
        .executeTakeFirstOrThrow();
      const value = consent ? 1 : 0;
      if (child.consent_photos === value) return;
      await trx
        .updateTable('children')
        .set({ consent_photos: value, updated_at: new Date().toISOString() })
        .where('id', '=', childId)
        .where('center_id', '=', centerId)
        .execute();
      await recordChange(trx, {
        actorId,
        centerId,
        entity: 'child',
        entityId: childId,
        before: { consent_photos: child.consent_photos },
        after: { consent_photos: value },
      });
      const shown = await trx
        .selectFrom('day_entries as mine')
        .innerJoin('day_entries as all', 'all.photo_document_id', 'mine.photo_document_id')
        .innerJoin('children', 'children.id', 'all.child_id')
        .select(['all.child_id as id', 'children.classroom_id'])
        .distinct()
        .where('mine.child_id', '=', childId)
        .where('mine.center_id', '=', centerId)
        .where('mine.photo_document_id', 'is not', null)
        .execute();
      const topics = new Set([
        childTopic(childId),
        ...shown.flatMap((s) => [childTopic(s.id), ...(s.classroom_id ? [roomTopic(s.classroom_id)] : [])]),
      ]);
      await publish(trx, { topics: [...topics], type: LIVE_TYPES.day, data: {} });
    });
}
