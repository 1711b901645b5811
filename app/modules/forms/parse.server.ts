import { data } from '@remix-run/node';
import type { z } from 'zod';
import type { FieldErrors, FormFailure } from './fields';

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    // Passwords and files never travel back to the page.
    if (typeof value === 'string' && !/password|code/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * Parses a submitted form with its shared schema. On failure it throws nothing: it returns the
 * 400 response that re-renders the form with field messages and what the user typed.
 */
export function parseForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; response: ReturnType<typeof failure> } {
  const raw = Object.fromEntries(
    [...formData.keys()].map((k) => {
      const all = formData.getAll(k);
      return [k, all.length > 1 ? all : all[0]];
    }),
  );
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.') || 'form';
    errors[field] ??= issue.message;
  }
  return { ok: false, response: failure(formData, errors) };
}

/** A 400 with field errors (i18n keys) and the user's values, for errors found after parsing. */
export function failure(formData: FormData, errors: FieldErrors) {
  const intent = formData.get('intent');
  const body: FormFailure = {
    errors,
    values: formValues(formData),
    ...(typeof intent === 'string' ? { intent } : {}),
  };
  return data(body, { status: 400 });
}
