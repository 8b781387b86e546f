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
  /** A pane that cannot work says why and offers no button that would fail. */
  const unavailable = (why: string) => {
    const status = root.querySelector<HTMLElement>('#status')!;
    status.textContent = why;
    status.dataset.kind = 'error';
    root.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>('button, input, select').forEach((el) => (el.disabled = true));
  };
  if (info.host !== 'Excel') {
    unavailable('请在 Excel 中打开本加载项：在 Excel「开始」选项卡点击「登记表校验」。直接在浏览器中打开本页无法读取工作表。');
    return;
  }
  const supports = (set: string, v: string) => Office.context.requirements.isSetSupported(set, v);
  if (!supports('ExcelApi', '1.7')) {
    unavailable('此版本的 Excel 不支持本加载项（需要 ExcelApi 1.7 及以上，如 Excel 2019、Microsoft 365 或网页版）。');
    return;
  }
  const pane = startPane(root, createWorkbookPort(Excel, supports));
  (window as unknown as { zhuanjiePane: unknown }).zhuanjiePane = pane;
  document.body.dataset.ready = 'true';
});
