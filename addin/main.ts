/** Task pane entry: wire Office.js (the real host) to the pane. */
import { createWorkbookPort } from './office.js';
import { startPane } from './pane.js';

declare const Office: {
  onReady(cb: (info: { host: string | null }) => void): void;
  context: { requirements: { isSetSupported(set: string, version: string): boolean } };
};
declare const Excel: { run<T>(batch: (ctx: unknown) => Promise<T>): Promise<T> };

Office.onReady((info) => {
  const root = document.getElementById('app')!;
  if (info.host !== 'Excel') {
    root.querySelector('#status')!.textContent = '请在 Excel 中打开本加载项。';
    return;
  }
  const supports = (set: string, v: string) => Office.context.requirements.isSetSupported(set, v);
  if (!supports('ExcelApi', '1.7')) {
    root.querySelector('#status')!.textContent = '此版本的 Excel 不支持本加载项（需要 ExcelApi 1.7 及以上，如 Excel 2019、Microsoft 365 或网页版）。';
    return;
  }
  const pane = startPane(root, createWorkbookPort(Excel, supports));
  (window as unknown as { zhuanjiePane: unknown }).zhuanjiePane = pane;
  document.body.dataset.ready = 'true';
});
