/**
 * Browser stand-in for office.js: Office.onReady and an Excel host over a 5,000-row sheet,
 * each sync delayed as in Excel on the web (EXCEL_ON_THE_WEB; `?syncMs=0&msPer10KB=0` on the
 * page address turns the delay off).
 */
import { EXCEL_ON_THE_WEB, FakeExcel, newSheet } from './fakeExcel.js';
import { registrationRows } from './sheet5k.js';

const fake = new FakeExcel([newSheet('2026届登记表', registrationRows(5000)), newSheet('说明', [['填表说明']])]);
const q = new URLSearchParams(location.search);
fake.latency = {
  syncMs: Number(q.get('syncMs') ?? EXCEL_ON_THE_WEB.syncMs),
  msPer10KB: Number(q.get('msPer10KB') ?? EXCEL_ON_THE_WEB.msPer10KB),
};
const w = window as unknown as Record<string, unknown>;
w.__fake = fake;
w.Excel = { run: fake.run };
w.Office = {
  onReady: (cb: (i: { host: string }) => void) => setTimeout(() => cb({ host: 'Excel' }), 0),
  context: { requirements: { isSetSupported: (set: string, v: string) => set === 'ExcelApi' && v.split('.').map(Number)[1]! <= 12 } },
};
