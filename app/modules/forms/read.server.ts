// Every posted form is read here, with its limits checked while the body streams in and before
// anything is parsed: one request with 40,000 fields must not hold the server for everyone else.
// Routes that take files read them with readFormWithFiles (files/uploads.server.ts).

export const FORM_LIMITS = {
  /** A urlencoded form, or the text fields of a multipart one. */
  textBytes: 64 * 1024,
  fields: 300,
} as const;

export const payloadTooLarge = (): never => {
  throw new Response('Payload Too Large', { status: 413 });
};

export const unsupportedMediaType = (): never => {
  throw new Response('Unsupported Media Type', { status: 415 });
};

export const isMultipart = (request: Request) =>
  (request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data');

/** The declared length, when the client sent one: a body that says it is too big is refused unread. */
export function refuseDeclaredLength(request: Request, maxBytes: number) {
  const declared = Number(request.headers.get('Content-Length') ?? 0);
  if (declared > maxBytes) payloadTooLarge();
}

/** The body as text, stopping (413) as soon as it passes maxBytes. */
async function readCapped(request: Request, maxBytes: number) {
  refuseDeclaredLength(request, maxBytes);
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      payloadTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a urlencoded form: at most FORM_LIMITS.textBytes and FORM_LIMITS.fields, else 413. */
export async function readForm(request: Request): Promise<FormData> {
  if (isMultipart(request)) unsupportedMediaType();
  const body = await readCapped(request, FORM_LIMITS.textBytes);
  // Counting separators is linear and needs no parsing; URLSearchParams then parses a bounded body.
  let fields = body ? 1 : 0;
  for (let i = body.indexOf('&'); i !== -1; i = body.indexOf('&', i + 1))
    if (++fields > FORM_LIMITS.fields) payloadTooLarge();
  const formData = new FormData();
  for (const [key, value] of new URLSearchParams(body)) formData.append(key, value);
  return formData;
}
