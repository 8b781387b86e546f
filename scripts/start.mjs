// `npm start` (after the build): where desktop Excel is installed (Windows, Mac), sideload
// the add-in into it with Microsoft's office-addin-debugging, which also starts the dev
// server; elsewhere start the dev server and say how to try the pane.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findExcel, noExcelAdvice, OFFICE_ADDIN_DEBUGGING } from './deploy.mjs';

const root = join(import.meta.dirname, '..');
const excel = findExcel();
if (excel) {
  console.log(`找到桌面版 Excel（${excel}）：用 office-addin-debugging 旁加载 manifest.xml，并启动开发服务器…`);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const child = spawn(npx, ['--yes', OFFICE_ADDIN_DEBUGGING, 'start', 'manifest.xml', 'desktop', '--app', 'excel', '--dev-server', 'npm run dev-server', '--dev-server-port', '3000'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => {
    if (code) console.error(`旁加载未成功（退出码 ${code}）。可改为手动：运行 npm run dev-server，再在 Excel 中 插入 → 加载项 → 上传我的加载项，选择 manifest.xml。`);
    process.exit(code ?? 1);
  });
} else {
  console.log(noExcelAdvice());
  const server = spawn(process.execPath, [join(root, 'scripts', 'dev-server.mjs')], { cwd: root, stdio: 'inherit' });
  server.on('exit', (code) => process.exit(code ?? 0));
}
