import { data } from '@remix-run/node';
import type { z } from 'zod';
import type { FieldErrors, FormFailure } from './fields';

/** What the user typed, to give back with the errors; repeated fields (checkbox groups) as arrays. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    // Passwords, PINs, one-time codes and files never travel back to the page.
    if (/password|code|^pin$|^confirm$/i.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    if (all.length) values[key] = all.length > 1 ? all : all[0];
  }
  return values;
}

/** Checks a submitted form against its schema; errors are i18n keys by field (first one wins). */
export function validateForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const raw = Object.fromEntries(
    [...new Set(formData.keys())].map((k) => {
      const all = formData.getAll(k);
      return [k, all.length > 1 ? all : all[0]];
    }),
  );
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
  return { ok: false, errors };
}

/**
 * Parses a submitted form with its shared schema. On failure it throws nothing: it returns the
 * 400 response that re-renders the form with field messages and what the user typed.
 */
export function parseForm<S extends z.ZodTypeAny>(
  formData: FormData,
  schema: S,
): { ok: true; data: z.output<S> } | { ok: false; response: ReturnType<typeof failure> } {
  const result = validateForm(formData, schema);
  return result.ok ? result : { ok: false, response: failure(formData, result.errors) };
}

/** A 400 (or another 4xx) with field errors (i18n keys) and the user's values, for errors found after parsing. */
export function failure(formData: FormData, errors: FieldErrors, status = 400) {
  const intent = formData.get('intent');
  const body: FormFailure = {
    errors,
    values: formValues(formData),
    ...(typeof intent === 'string' ? { intent } : {}),
  };
  return data(body, { status });
}
