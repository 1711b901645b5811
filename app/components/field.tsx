import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { translateMessage } from '~/i18n/i18n';

export function ErrorMessage({ id, message }: { id?: string; message?: string }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {translateMessage(t, message)}
    </p>
  );
}

type FieldProps = {
  label: ReactNode;
  registration: UseFormRegisterReturn;
  /** An i18n message key, as zod schemas write them. */
  error?: string;
  hint?: ReactNode;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

/** A labelled input with its hint and its (translated) error, wired for screen readers. */
export function Field({ label, registration, error, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `f-${registration.name}`;
  const errorId = `${inputId}-error`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={[error ? errorId : null, hintId].filter(Boolean).join(' ') || undefined}
        {...input}
        {...registration}
      />
      {hint ? <p className="hint" id={hintId}>{hint}</p> : null}
      <ErrorMessage id={errorId} message={error} />
    </div>
  );
}
