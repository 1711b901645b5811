// A spreadsheet program runs a cell that starts with = + - @ (or a tab or carriage return before
// one) as a formula. Indonesian Excel splits on ';' and others on ',', even inside a quoted cell
// when the file is pasted or imported by hand (a tab separates cells when pasted), so 'Budi;=1+1'
// can become a cell '=1+1'. Every
// piece that could become a cell's start is therefore neutralised with a leading apostrophe, and
// a cell holding a separator is quoted. Signed numbers (-1.5, +62 812…) stay as they are.
const SEPARATORS = /([,;\t\r\n])/;
const FORMULA_START = /^ *[=+\-@]/;
const SIGNED_NUMBER = /^[+-] *\d[\d ]*(?:\.\d+)?$/;

const neutralise = (piece: string) => (FORMULA_START.test(piece) && !SIGNED_NUMBER.test(piece) ? `'${piece}` : piece);

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value)
    .split(SEPARATORS)
    .map((piece, i) => (i % 2 === 0 ? neutralise(piece) : piece))
    .join('');
  return /[",;\t\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV with a BOM, so spreadsheet programs open Indonesian names correctly. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
