/** Browser stand-in for office.js: Office.onReady and an Excel host over a 5,000-row sheet. */
import { FakeExcel, newSheet } from './fakeExcel.js';
import { registrationRows } from './sheet5k.js';

const fake = new FakeExcel([newSheet('2026届登记表', registrationRows(5000)), newSheet('说明', [['填表说明']])]);
const w = window as unknown as Record<string, unknown>;
w.__fake = fake;
w.Excel = { run: fake.run };
w.Office = {
  onReady: (cb: (i: { host: string }) => void) => setTimeout(() => cb({ host: 'Excel' }), 0),
  context: { requirements: { isSetSupported: (set: string, v: string) => set === 'ExcelApi' && v.split('.').map(Number)[1]! <= 12 } },
};
