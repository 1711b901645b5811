/** RFC 4180 CSV with a BOM, so spreadsheet programs open Indonesian names correctly. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  const cell = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    // A leading = + - @ would be run as a formula by spreadsheet programs; plain numbers such
    // as +62 phone numbers are left alone.
    if (/^[=@]|^[+-](?![\d\s]+$)/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
