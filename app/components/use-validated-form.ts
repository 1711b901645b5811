import { zodResolver } from '@hookform/resolvers/zod';
import { useActionData, useSubmit } from '@remix-run/react';
import { useMemo, type FormEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues } from 'react-hook-form';
import type { z } from 'zod';
import type { FormFailure } from '~/modules/forms/fields';

/**
 * react-hook-form driven by the same zod schema as the action. The browser checks first; the
 * server checks again and its errors and the user's values come back through action data.
 * Valid forms are posted as ordinary form data, so the page also works before scripts load.
 */
export function useValidatedForm<S extends z.ZodTypeAny>(
  schema: S,
  {
    defaultValues,
    intent,
    owns,
  }: {
    defaultValues?: Record<string, unknown>;
    intent?: string;
    /** When several forms share an intent (one per row), which failed submission is this form's. */
    owns?: (values: FormFailure['values']) => boolean;
  } = {},
) {
  const actionData = useActionData<FormFailure | Record<string, unknown>>();
  const candidate =
    actionData && 'errors' in actionData && (!intent || actionData.intent === intent)
      ? (actionData as FormFailure)
      : undefined;
  const failure = candidate && (!owns || owns(candidate.values)) ? candidate : undefined;
  const serverErrors = useMemo(
    () =>
      failure &&
      Object.fromEntries(Object.entries(failure.errors).map(([k, message]) => [k, { type: 'server', message }])),
    [failure],
  );
  const form = useForm<FieldValues>({
    resolver: zodResolver(schema),
    // Validate on submit, then live while correcting. Validating on blur would insert messages
    // as the submit button is pressed, moving it away from under the finger.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    // The intent travels in a hidden input the form does not register; the schema still checks it.
    defaultValues: {
      ...defaultValues,
      ...failure?.values,
      ...(intent ? { intent } : {}),
    } as DefaultValues<FieldValues>,
    errors: serverErrors,
  });
  const submit = useSubmit();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    // A button marked formNoValidate (e.g. "save and finish later") skips the browser check.
    if (submitter?.formNoValidate) {
      event.preventDefault();
      submit(submitter);
      return;
    }
    void form.handleSubmit(() => submit(submitter ?? formElement))(event);
  };
  /**
   * What a <Field> needs for one input: its registration, its error message, and its starting
   * value in the server's HTML too, so the form shows (and posts) it before scripts have loaded.
   */
  const field = (name: string) => {
    const initial: unknown = form.formState.defaultValues?.[name];
    const start =
      typeof initial === 'boolean'
        ? { defaultChecked: initial }
        : typeof initial === 'string' || typeof initial === 'number'
          ? { defaultValue: initial }
          : {};
    return {
      registration: { ...form.register(name), ...start },
      error: form.formState.errors[name]?.message as string | undefined,
    };
  };
  return { ...form, field, onSubmit, formError: failure?.errors.form };
}

/** What `field(name)` gives a <Field>: its registration and its error. */
export type FieldBinding = ReturnType<ReturnType<typeof useValidatedForm>['field']>;
