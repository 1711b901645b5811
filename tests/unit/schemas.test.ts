import { describe, expect, it } from 'vitest';
import { LoginSchema, SetPasswordSchema } from '~/modules/auth/auth';
import { CenterSettingsSchema } from '~/modules/centers/centers';

const errorsOf = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  // The first message per field, as the action shows it.
  Object.fromEntries((result.error?.issues ?? []).reverse().map((i) => [i.path.join('.'), i.message]));

describe('LoginSchema', () => {
  it('lower-cases the email', () => {
    expect(LoginSchema.parse({ email: ' Guru@Demo.Asuh.id ', password: 'x' }).email).toBe('guru@demo.asuh.id');
  });
  it('explains empty, malformed and oversized input with message keys', () => {
    expect(errorsOf(LoginSchema.safeParse({ email: '', password: '' }))).toEqual({
      email: 'errors.required',
      password: 'errors.required',
    });
    expect(errorsOf(LoginSchema.safeParse({ email: 'guru@', password: 'x' }))).toEqual({ email: 'errors.email' });
    expect(errorsOf(LoginSchema.safeParse({ email: `${'a'.repeat(250)}@x.id`, password: 'x'.repeat(201) }))).toEqual({
      email: 'errors.tooLong?max=254',
      password: 'errors.tooLong?max=200',
    });
  });
});

describe('SetPasswordSchema', () => {
  it('asks for at least 10 characters and a matching repeat', () => {
    expect(errorsOf(SetPasswordSchema.safeParse({ name: 'A', password: 'short', confirm: 'short' }))).toEqual({
      password: 'errors.passwordTooShort?min=10',
    });
    expect(
      errorsOf(SetPasswordSchema.safeParse({ name: 'A', password: 'long enough!', confirm: 'long enough?' })),
    ).toEqual({ confirm: 'errors.passwordsDiffer' });
  });
});

describe('CenterSettingsSchema', () => {
  const valid = {
    name: 'TAS',
    address: 'Jl. 1',
    province: 'Papua',
    city: 'Jayapura',
    time_zone: 'Asia/Jayapura',
    capacity: '40',
    contact_phone: '0812 3456 7890',
    contact_email: '',
    open_mon: '07:00',
    close_mon: '16:00',
  };
  it('turns the weekday fields into opening hours and normalises the phone', () => {
    const parsed = CenterSettingsSchema.parse(valid);
    expect(parsed.opening_hours.mon).toEqual(['07:00', '16:00']);
    expect(parsed.opening_hours.sun).toBeNull();
    expect(parsed.contact_phone).toBe('+6281234567890');
    expect(parsed.require_two_factor).toBe(false);
  });
  it('refuses a day that closes before it opens and a half-filled day', () => {
    expect(errorsOf(CenterSettingsSchema.safeParse({ ...valid, close_mon: '06:00', open_tue: '07:00' }))).toEqual({
      close_mon: 'errors.closeAfterOpen',
      close_tue: 'errors.bothTimes',
    });
  });
  it('refuses a zone outside Indonesia and a capacity that is not a number', () => {
    expect(
      errorsOf(CenterSettingsSchema.safeParse({ ...valid, time_zone: 'Europe/Paris', capacity: 'banyak' })),
    ).toEqual({
      time_zone: 'errors.choose',
      capacity: 'errors.number',
    });
  });
});
