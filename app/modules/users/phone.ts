/**
 * Normalises an Indonesian phone number to +62… (E.164), or returns null when it cannot be one.
 * Accepts the ways people write them: 0812-3456-7890, 62812…, +62 812 …, (021) 555-1234.
 */
export function normalizeIndonesianPhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+(\d][\d\s().-]*$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.startsWith('62')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else if (trimmed.startsWith('+')) return null; // another country's code
  // Subscriber numbers after the country code are 8–12 digits and never start with 0.
  if (!/^[1-9]\d{7,11}$/.test(digits)) return null;
  return `+62${digits}`;
}
