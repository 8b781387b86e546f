// The parser floor: a bare SheetJS read + sheet_to_json of each file, nothing else.
import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';

let rows = 0;
for (const file of process.argv.slice(2)) {
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', dense: true });
  rows += XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 }).length;
}
console.log(rows);
