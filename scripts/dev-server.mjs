// HTTPS server for the task pane (dist/addin) on https://localhost:3000, with the
// certificates of office-addin-dev-certs. Installing its CA needs admin rights
// (sudo on Linux/macOS); when that fails the generated files are still used and
// we print how to trust the CA by hand instead of crashing.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import devCerts from 'office-addin-dev-certs';
import { caCertificatePath, localhostCertificatePath, localhostKeyPath } from 'office-addin-dev-certs/lib/defaults.js';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.map': 'application/json', '.xml': 'application/xml' };

export async function devCertificates({ install = true, log = console.log } = {}) {
  if (install) {
    try {
      await devCerts.ensureCertificatesAreInstalled();
    } catch (err) {
      log(`提示：无法自动信任开发证书（${String(err?.message ?? err).split('\n')[0]}）。`);
      log(`  证书文件仍已生成。请手动信任 CA：${caCertificatePath}`);
      log('  Debian/Ubuntu：sudo cp 该文件 /usr/local/share/ca-certificates/office-addin-dev.crt && sudo update-ca-certificates');
      log('  macOS：双击该文件加入“钥匙串”，设为“始终信任”；Windows：以管理员运行 npx office-addin-dev-certs install');
    }
  }
  if (!existsSync(localhostCertificatePath) || !existsSync(localhostKeyPath)) {
    await devCerts.generateCertificates(caCertificatePath, localhostCertificatePath, localhostKeyPath);
  }
  return { ca: readFileSync(caCertificatePath), cert: readFileSync(localhostCertificatePath), key: readFileSync(localhostKeyPath), caPath: caCertificatePath };
}

/** Serve `root` over HTTPS; resolves with the listening server. Extra routes win over files. */
export async function serve({ root, port = 3000, host = 'localhost', certs, routes = {} }) {
  const server = createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    if (routes[path]) {
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      return res.end(routes[path]);
    }
    const file = normalize(join(root, path === '/' ? 'taskpane.html' : path));
    if (!file.startsWith(normalize(root) + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('未找到');
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return server;
}

// pathToFileURL, not `file://${argv[1]}`: on Windows the path has a drive letter and backslashes.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(import.meta.dirname, '..', 'dist', 'addin');
  if (!existsSync(join(root, 'taskpane.html'))) {
    console.error('错误：还没有构建任务窗格，请先运行 npm run build。');
    process.exit(2);
  }
  const certs = await devCertificates();
  const port = Number(process.env.PORT ?? 3000);
  await serve({ root, port, certs });
  console.log(`任务窗格：https://localhost:${port}/taskpane.html （Ctrl+C 停止）`);
}
