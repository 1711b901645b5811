// Uploaded documents and photos: checked by their content (not their name), size-limited,
// stored under UPLOAD_DIR (outside public/) under random names, and served only by routes that
// authorize the request first.
import fs from 'node:fs/promises';
import path from 'node:path';
import { unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import { getDb } from '~db/client.server';
import { newId } from '~db/ids';
import type { DB } from '~db/schema';
import { FORM_LIMITS, isMultipart, payloadTooLarge, readForm, refuseDeclaredLength } from '../forms/read.server';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const MAX_REQUEST_BYTES = 30 * 1024 * 1024;
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;

export const uploadDir = () => path.resolve(process.env.UPLOAD_DIR ?? './data/uploads');
/** Where a document's file is: its storage key names a file directly under UPLOAD_DIR. */
export const storedFilePath = (storageKey: string) => path.join(uploadDir(), path.basename(storageKey));

/** An uploaded part held in memory until the whole form has been checked. */
export type Upload = {
  fileName: string;
  bytes: Uint8Array;
  tooLarge: boolean;
  /** The type the browser declared for the part (from the file's name): a claim, never trusted alone. */
  declaredType?: string;
};
export type CheckedUpload = { fileName: string; bytes: Uint8Array; mimeType: string };

/**
 * Reads a form that may carry files (multipart, or urlencoded when no file was chosen). File parts
 * come back in `uploads` by field name (empty file inputs are left out); a part over the limit is
 * drained and marked, so the form can say which file was too big instead of failing the request.
 * Text fields have the same limits as any form (FORM_LIMITS); the whole request at most 30 MB, or
 * the route's own cap; each file at most MAX_UPLOAD_BYTES, or the route's own `maxFileBytes`.
 */
export async function readFormWithFiles(
  request: Request,
  { maxBytes = MAX_REQUEST_BYTES, maxFileBytes = MAX_UPLOAD_BYTES } = {},
): Promise<{ formData: FormData; uploads: Map<string, Upload> }> {
  const uploads = new Map<string, Upload>();
  if (!isMultipart(request)) return { formData: await readForm(request), uploads };
  refuseDeclaredLength(request, maxBytes);
  let total = 0;
  let textBytes = 0;
  let parts = 0;
  const handler: UploadHandler = async ({ name, filename, data, contentType }) => {
    if (++parts > FORM_LIMITS.fields) payloadTooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > maxBytes) payloadTooLarge();
      if (filename === undefined && (textBytes += chunk.byteLength) > FORM_LIMITS.textBytes) payloadTooLarge();
      if (size <= maxFileBytes) chunks.push(chunk);
    }
    if (filename === undefined) return new TextDecoder().decode(Buffer.concat(chunks));
    if (size === 0 && !filename) return null;
    uploads.set(name, {
      fileName: path.basename(filename).slice(0, 200) || 'upload',
      bytes: Buffer.concat(chunks),
      tooLarge: size > maxFileBytes,
      declaredType: contentType,
    });
    return null;
  };
  try {
    return { formData: await unstable_parseMultipartFormData(request, handler), uploads };
  } catch (error) {
    if (error instanceof Response) throw error;
    // A body that is not the multipart it claims to be (no boundary, cut short).
    throw new Response('Bad Request', { status: 400 });
  }
}

/** Checks one upload: an i18n error key, or the file with the type its content shows. */
export async function checkUpload(
  upload: Upload,
  allowed: readonly string[],
): Promise<{ error: string } | CheckedUpload> {
  if (upload.tooLarge) return { error: `errors.fileTooLarge?max=${MAX_UPLOAD_BYTES / 1024 / 1024}` };
  if (upload.bytes.byteLength === 0) return { error: 'errors.fileEmpty' };
  const type = await fileTypeFromBuffer(upload.bytes);
  if (!type || !allowed.includes(type.mime))
    return { error: allowed.includes('application/pdf') ? 'errors.fileTypeDocument' : 'errors.fileTypePhoto' };
  return { fileName: upload.fileName, bytes: upload.bytes, mimeType: type.mime };
}

/** Writes the bytes under a new random key. */
export async function storeFile(bytes: Uint8Array): Promise<string> {
  const key = `${newId()}${newId()}`;
  await fs.mkdir(uploadDir(), { recursive: true, mode: 0o700 });
  await fs.writeFile(path.join(uploadDir(), key), bytes, { mode: 0o600 });
  return key;
}

export type StoredWrite<T> = {
  value: T;
  /** Files the committed write made obsolete (replaced documents). */ replaced?: string[];
  /** False when the write did not use the new files after all. */ kept?: boolean;
};

/**
 * The one way uploaded files and the rows that point at them are written, with no file I/O inside
 * the transaction: the files are stored first (their keys in the same order), then `write` runs in
 * one transaction. If it throws, the new files are removed; once it has committed, so are the files
 * it says it replaced, and the new ones if it says it did not keep them.
 */
export async function withStoredFiles<T>(
  files: Uint8Array[],
  write: (trx: Kysely<DB>, keys: string[]) => Promise<StoredWrite<T>>,
): Promise<T> {
  const keys: string[] = [];
  let outcome: StoredWrite<T>;
  try {
    for (const bytes of files) keys.push(await storeFile(bytes));
    outcome = await getDb()
      .transaction()
      .execute((trx) => write(trx, keys));
  } catch (error) {
    await removeFiles(keys);
    throw error;
  }
  await removeFiles([...(outcome.replaced ?? []), ...(outcome.kept === false ? keys : [])]);
  return outcome.value;
}

export async function removeFiles(keys: string[]) {
  await Promise.all(keys.map((key) => fs.rm(path.join(uploadDir(), key), { force: true })));
}

/** A private, uncached response for an authorized download. */
export async function fileResponse(doc: { storage_key: string; mime_type: string; file_name: string }) {
  const bytes = await fs.readFile(storedFilePath(doc.storage_key));
  return new Response(bytes, {
    headers: {
      'Content-Type': doc.mime_type,
      'Content-Disposition': `inline; filename="${doc.file_name.replace(/[^\w.\- ]/g, '_')}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
