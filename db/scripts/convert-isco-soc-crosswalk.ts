/**
 * Converts the BLS ISCO-08 <-> SOC 2010 crosswalk, published only as an old binary Excel file
 * (isco_soc_crosswalk.xls), to CSV once, so that the importer reads a text file and the product needs no
 * parser for that format at run time:
 *   npx tsx db/scripts/convert-isco-soc-crosswalk.ts ../shared/data/bls_soc/isco_soc_crosswalk.xls
 * Writes db/data/bls_soc/isco_soc_crosswalk.csv.gz: the sheet "ISCO-08 to 2010 SOC" cell for cell as
 * displayed, every row kept (the title block too), so that a CSV line number is the sheet's row number.
 * SheetJS (`xlsx`) is a development dependency, used on this published file only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import XLSX from 'xlsx';

const SHEET = 'ISCO-08 to 2010 SOC';
const source = process.argv[2];
if (!source) {
  console.error('usage: npx tsx db/scripts/convert-isco-soc-crosswalk.ts <path to isco_soc_crosswalk.xls>');
  process.exit(2);
}
const workbook = XLSX.readFile(source);
const sheet = workbook.Sheets[SHEET];
if (!sheet) throw new Error(`${source} has no sheet "${SHEET}" (sheets: ${workbook.SheetNames.join(', ')})`);
const csv = XLSX.utils.sheet_to_csv(sheet, { blankrows: true, strip: false });
const target = new URL('../data/bls_soc/', import.meta.url).pathname;
mkdirSync(target, { recursive: true });
const bytes = gzipSync(`${csv.replace(/\n*$/, '')}\n`, { level: 9 });
writeFileSync(`${target}/isco_soc_crosswalk.csv.gz`, bytes);
console.log(
  `${target}isco_soc_crosswalk.csv.gz (${csv.split('\n').length} rows, ${(bytes.length / 1024).toFixed(0)} KiB)`,
);
