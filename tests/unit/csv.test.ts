import { describe, expect, it } from 'vitest';
import { toCsv } from '~/modules/files/csv';

/** One value written as a one-cell file, without the BOM and the line end. */
const csvCell = (value: string | number | null | undefined) => toCsv([[value]]).slice(1, -2);

describe('CSV cells', () => {
  it.each([
    ['Budi Santoso', 'Budi Santoso'],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [12, '12'],
    [-3, '-3'],
    ['-1.5', '-1.5'],
    ['+6281277770001', '+6281277770001'],
    ['+62 812 7777 0001', '+62 812 7777 0001'],
    ['gita.ibu@example.test', 'gita.ibu@example.test'],
    ['Jl. Kenari 3, Jakarta', '"Jl. Kenari 3, Jakarta"'],
    ['Sri "Ani" Maharani', '"Sri ""Ani"" Maharani"'],
  ])('leaves %j readable as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['a formula', '=1+1', "'=1+1"],
    ['a HYPERLINK', '=HYPERLINK("http://evil.example","klik")', `"'=HYPERLINK(""http://evil.example"",""klik"")"`],
    ['a formula after the Indonesian separator', 'Budi;=1+1', `"Budi;'=1+1"`],
    ['a formula after a separator and spaces', 'Budi; =1+1', `"Budi;' =1+1"`],
    ['an @ after a comma', 'a,@b', `"a,'@b"`],
    ['a + formula', '+A1*2', "'+A1*2"],
    ['a - formula', '-2+3+cmd|x', "'-2+3+cmd|x"],
    ['a leading tab', '\t=1+1', `"\t'=1+1"`],
    ['a leading carriage return', '\r=1+1', `"\r'=1+1"`],
    ['a tab after a separator', 'x;\t@SUM(A1)', `"x;\t'@SUM(A1)"`],
    ['a formula after a tab inside the cell (a paste splits on tabs)', 'Budi\t=1+1', `"Budi\t'=1+1"`],
    ['a formula on a new line', 'catatan\n=1+1', `"catatan\n'=1+1"`],
    ['several pieces', '=a;b,-c;+62 81', `"'=a;b,'-c;+62 81"`],
  ])('neutralises %s', (_name, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('toCsv', () => {
  it('writes a BOM, commas between cells and CRLF after every row', () => {
    expect(
      toCsv([
        ['nama', 'telepon'],
        ['Budi;=1+1', '+6281200000000'],
      ]),
    ).toBe('\uFEFFnama,telepon\r\n"Budi;\'=1+1",+6281200000000\r\n');
  });
});
