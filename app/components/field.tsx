import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from '~/i18n/translation';
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
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(inputId, error, hint)}
        {...input}
        {...registration}
      />
      <FieldNotes id={inputId} error={error} hint={hint} />
    </div>
  );
}

type Described = { label: ReactNode; registration: UseFormRegisterReturn; error?: string; hint?: ReactNode };

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
}

/** The hint and the error under a field, with the ids its aria-describedby names. */
function FieldNotes({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <ErrorMessage id={`${id}-error`} message={error} />
    </>
  );
}

export function SelectField({
  label,
  registration,
  error,
  hint,
  options,
  placeholder,
  id: givenId,
}: Described & { options: { value: string; label: string }[]; placeholder?: string; id?: string }) {
  const id = givenId ?? `f-${registration.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextAreaField({
  label,
  registration,
  error,
  hint,
  rows = 3,
  id: givenId,
}: Described & { rows?: number; id?: string }) {
  const id = givenId ?? `f-${registration.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

export function CheckboxField({ label, registration, error, hint }: Described) {
  const id = `f-${registration.name}`;
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...registration}
      />
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} error={error} hint={hint} />
    </div>
  );
}

/** A group of checkboxes sharing one name (e.g. weekdays), as a fieldset with its own error. */
export function CheckboxGroup({
  legend,
  registration,
  error,
  options,
}: {
  legend: ReactNode;
  registration: UseFormRegisterReturn;
  error?: string;
  options: { value: string; label: string }[];
}) {
  return (
    <fieldset className="checkbox-group" aria-describedby={error ? `f-${registration.name}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="checkbox-option">
          <input type="checkbox" value={o.value} {...registration} /> {o.label}
        </label>
      ))}
      <ErrorMessage id={`f-${registration.name}-error`} message={error} />
    </fieldset>
  );
}
