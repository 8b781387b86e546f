/**
 * `npm run bench [-- --quick] [-- --no-addin]`: how fast zhuanjie is next to what users
 * would otherwise use, all in one run on the same inputs. Each measurement runs in
 * its own child process (peak RSS is then its own), several times; medians are
 * reported. Writes bench/results.json and prints a table with the ratios.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { benchData, collegeSheet, workbook } from './data.js';
import { bigFieldCsv, bigSheetXlsx } from '../test/hostileMemory.js';
import { displayWidth } from '../jobs/cli/cliText.js';
import { EXCEL_ON_THE_WEB } from '../test/e2e/fakeExcel.js';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const { values: opts } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, 'no-addin': { type: 'boolean', default: false }, 'addin-only': { type: 'boolean', default: false }, reps: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (opts.help) {
  console.log(`用法：npm run bench [-- --quick] [-- --no-addin | --addin-only] [-- --reps N]

  --quick     小规模（1 万行）快速运行，一分钟内完成
  --no-addin  跳过 Chromium 中的加载项测量
  --addin-only 只测加载项（整表校验、单格修改、粘贴 500 行、脚本大小），打印结果，不写 results.json
  --reps N    每项重复次数（默认：完整 3 次，快速 2 次），取中位数
结果写入 bench/results.json。`);
  process.exit(0);
}

const BIG = opts.quick ? 10_000 : 100_000;
const SMALL = 5_000;
const REPS = Number(opts.reps ?? (opts.quick ? 2 : 3));
const AS_OF = '2026-08-25';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => Math.round(bytes / 1048576);
const say = (s: string) => process.stderr.write(`${s}\n`);

interface Run { ms: number; rss: number; stdout: string }

/** One child process, timed from spawn to exit, with its peak RSS from bench/rss.mjs. */
function child(cmd: string, args: string[], preload = true, allowExit: readonly number[] = [], env: Record<string, string> = {}): Run {
  const rssFile = join(OUT, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  const r = spawnSync(cmd, preload ? ['--import', join(ROOT, 'bench', 'rss.mjs'), ...args] : args, {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - started;
  if (r.status !== 0 && !allowExit.includes(r.status ?? -1) && !(args.includes('reconcile') && r.status === 1)) {
    throw new Error(`${cmd} ${args.join(' ')} 退出码 ${r.status}\n${r.stderr}`);
  }
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0;
  return { ms, rss, stdout: r.stdout };
}

function repeat(label: string, f: () => Run): { ms: number; rss: number; last: Run } {
  const runs: Run[] = [];
  for (let i = 0; i < REPS; i++) {
    runs.push(f());
    say(`  ${label}：第 ${i + 1}/${REPS} 次 ${Math.round(runs.at(-1)!.ms)} ms`);
  }
  return { ms: median(runs.map((r) => r.ms)), rss: Math.max(...runs.map((r) => r.rss)), last: runs.at(-1)! };
}

/**
 * The rule path as it was before the rules became named functions over column-indexed
 * rows (issue 13), compiled from git into bench/out so the A/B runs on the same rows in
 * the same process. Null, with the reason printed, when git or that commit is missing.
 */
const LEGACY_COMMIT = 'b77ecf4';
function buildLegacy(): string | null {
  const dir = join(OUT, 'legacy');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync('sh', ['-c', `git archive ${LEGACY_COMMIT} shared | tar -x -C "${dir}"`], { cwd: ROOT, encoding: 'utf8' });
  if (archive.status !== 0) {
    say(`  无法取出旧规则路径（git ${LEGACY_COMMIT}：${archive.stderr.trim() || '失败'}），跳过 validateSpeedup。`);
    return null;
  }
  // Emit only: the old sources are measured, not type-checked against today's dependencies.
  const tsc = spawnSync(process.execPath, [
    join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noCheck', '--outDir', join(dir, 'dist'), '--rootDir', dir,
    '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', join(dir, 'shared', 'validate.ts'),
  ], { cwd: ROOT, encoding: 'utf8' });
  const out = join(dir, 'dist');
  if (!existsSync(join(out, 'shared', 'validate.js'))) {
    say(`  旧规则路径编译失败，跳过 validateSpeedup：${tsc.stdout.trim().slice(0, 300)}`);
    return null;
  }
  return out;
}

function pandasPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import pandas, openpyxl'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}

type Timed = { ms: number; syncs: number };

/**
 * The pane in Chromium over the test host, each sync delayed as Excel on the web's
 * (test/e2e/fakeExcel.ts EXCEL_ON_THE_WEB). addin5k: 校验当前工作表 as a secretary first
 * clicks it (marks cleared and drawn). addinEdit5k: with 实时校验 on, one cell edited at a
 * random row — a 学号 made equal to the next row's, so two rows' marks change — median
 * of 20. addinPaste5k: 500 new rows pasted.
 */
async function addin(): Promise<{ full: Timed; edit: Timed & { fullRatio: number }; paste: Timed } | null> {
  if (opts['no-addin']) return null;
  if (!existsSync('/usr/bin/chromium')) {
    say('  未找到 /usr/bin/chromium（apt-get install chromium），跳过加载项测量。');
    return null;
  }
  const { openPane, timeValidate, timeChange } = await import('../test/e2e/harness.js');
  const { registrationRows } = await import('../test/e2e/sheet5k.js');
  const pane = await openPane();
  try {
    const runs: Timed[] = [];
    // The first click also compiles the rules; a secretary clicks more than once.
    for (let i = 0; i < REPS + 1; i++) {
      runs.push(await timeValidate(pane.page, SMALL));
      say(`  加载项 ${SMALL} 行：第 ${i + 1}/${REPS + 1} 次 ${Math.round(runs.at(-1)!.ms)} ms，${runs.at(-1)!.syncs} 次 sync`);
    }
    const full = { ms: Math.round(median(runs.map((r) => r.ms))), syncs: Math.max(...runs.map((r) => r.syncs)) };
    await pane.page.check('#live');
    await pane.page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('实时校验已开启'), null, { timeout: 30_000 });
    const SHEET = '2026届登记表';
    const rows = registrationRows(SMALL);
    let seed = 20261207;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const edits: Timed[] = [];
    for (let i = 0; i < 20; i++) {
      const r = 3 + Math.floor(random() * (SMALL - 2));
      const next = String(rows[r]![4]);
      const t = await timeChange(pane.page, SHEET, `E${r}`, next);
      if (!t.status.startsWith('已增量校验')) throw new Error(`加载项：第 ${r} 行的修改没有走增量校验：${t.status}`);
      edits.push(t);
    }
    const edit = { ms: Math.round(median(edits.map((r) => r.ms))), syncs: Math.max(...edits.map((r) => r.syncs)) };
    say(`  单格修改（20 次中位数）：${edit.ms} ms，最多 ${edit.syncs} 次 sync`);
    const block = registrationRows(500).slice(2).map((r, i) => r.map((v, j) => (j === 4 ? String(2023090000 + i) : v)));
    const p = await timeChange(pane.page, SHEET, 'A2001', block);
    if (!p.status.startsWith('已增量校验')) throw new Error(`加载项：粘贴 500 行没有走增量校验：${p.status}`);
    const paste = { ms: Math.round(p.ms), syncs: p.syncs };
    say(`  粘贴 500 行：${paste.ms} ms，${paste.syncs} 次 sync`);
    return { full, edit: { ...edit, fullRatio: +(edit.ms / full.ms).toFixed(3) }, paste };
  } finally {
    await pane.close();
  }
}

/** The task pane's script as built for deployment, raw (the measure, issue 23: ≤ 60 KB) and gzipped (level 6, as web servers commonly send it). */
async function paneBundleSize(): Promise<{ paneBundleKB: number; paneBundleGzipKB: number }> {
  const { buildAddin } = await import('../scripts/build-addin.mjs');
  const js = readFileSync(join(await buildAddin(), 'taskpane.js'));
  const size = { paneBundleKB: Math.round(js.length / 1024), paneBundleGzipKB: Math.round(gzipSync(js).length / 1024) };
  say(`  taskpane.js ${size.paneBundleKB} KB（${js.length.toLocaleString()} 字节；gzip 传输 ${size.paneBundleGzipKB} KB）`);
  return size;
}

if (opts['addin-only']) {
  const only = await addin();
  say('任务窗格脚本大小');
  const size = await paneBundleSize();
  console.log(JSON.stringify({ latency: EXCEL_ON_THE_WEB, addin5k: only?.full, addinEdit5k: only?.edit, addinPaste5k: only?.paste, ...size }, null, 2));
  process.exit(0);
}

// --- Inputs ----------------------------------------------------------------------------
mkdirSync(OUT, { recursive: true });
// Measure the code as it is now: dist/ may be older than the sources.
say('编译 dist/ …');
if (spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
say(`生成 ${BIG.toLocaleString()} 行登记表和对应回执（固定随机种子）…`);
const data = benchData(BIG);
const reg = join(OUT, `registrations-${BIG}.xlsx`);
const rec = join(OUT, `receipts-${BIG}.xlsx`);
writeFileSync(reg, workbook(data.registrations, '登记表'));
writeFileSync(rec, workbook(data.receipts, '转接记录'));
say(`  ${reg}（${mb(readFileSync(reg).length)} MB），回执 ${(data.receipts.length - 1).toLocaleString()} 条`);

// --- Measurements ----------------------------------------------------------------------
const tasks = [join(ROOT, 'bench', 'tasks.mjs')];
say('1. 规则校验吞吐（内存中，不含读文件）');
const legacy = buildLegacy();
const validate = JSON.parse(
  child(process.execPath, [...tasks, 'validate', reg, String(4 * REPS + 1)], false, [], legacy ? { LEGACY_DIST: legacy } : {}).stdout,
) as { rowsPerSec: number; floorRowsPerSec: number; legacyRowsPerSec: number | null; findings: number; legacyFindings: number | null };
say(`  ${validate.rowsPerSec.toLocaleString()} 行/秒`);
say(`  下限（每格取一次文本，不做别的）：${validate.floorRowsPerSec.toLocaleString()} 行/秒`);
if (validate.legacyRowsPerSec) say(`  旧规则路径（${LEGACY_COMMIT}）：${validate.legacyRowsPerSec.toLocaleString()} 行/秒；发现问题 ${validate.legacyFindings} 条，本项目 ${validate.findings} 条`);

say('2. 读取登记表（本项目的读取器）');
const reads = repeat('读取', () => {
  const r = child(process.execPath, [...tasks, 'read', reg]);
  return { ...r, ms: (JSON.parse(r.stdout) as { ms: number }).ms };
});

say('3. reconcile 端到端（读取、校验、对账、写报告）');
const report = join(OUT, 'report.xlsx');
const ours = repeat('reconcile', () => child(process.execPath, [join(ROOT, 'bin', 'zhuanjie.js'), 'reconcile', '--registrations', reg, '--receipts', rec, '--as-of', AS_OF, '--out', report, '--force']));

say('4a. 解析下限：SheetJS read + sheet_to_json');
const floor = repeat('SheetJS', () => child(process.execPath, [join(ROOT, 'bench', 'floor.mjs'), reg, rec]));

say('4b. pandas read_excel + merge');
const py = pandasPython();
let pandas: { ms: number; rss: number } | null = null;
if (py) {
  const p = repeat('pandas', () => {
    const r = child(py, [join(ROOT, 'bench', 'pandas_merge.py'), reg, rec], false);
    return { ...r, rss: (JSON.parse(r.stdout) as { rss: number }).rss };
  });
  pandas = { ms: p.ms, rss: p.rss };
} else {
  say('  未找到带 pandas 和 openpyxl 的 python3（apt-get install python3-pandas python3-openpyxl），跳过。');
}

say('4c. 登记表审核：30 个学院 × 1,000 行（从文件夹收取、校验、写批注版、撰写邮件，outbox 发送），与只校验同样的文件对比');
const auditDir = join(OUT, 'audit30x1k');
rmSync(auditDir, { recursive: true, force: true });
mkdirSync(join(auditDir, '登记表'), { recursive: true });
const auditColleges = Array.from({ length: 30 }, (_, k) => `第${String(k + 1).padStart(2, '0')}学院`);
auditColleges.forEach((name, k) => writeFileSync(join(auditDir, '登记表', `${name}-登记表.xlsx`), collegeSheet(k, 1000, name)));
writeFileSync(join(auditDir, 'config.json'), JSON.stringify({
  cohort: 2026, registrations: ['登记表/'], audit: {},
  colleges: auditColleges.map((name, k) => ({ name, secretary: { name: '书记', email: `college${k + 1}@example.edu.cn` } })),
  orgDept: { name: '党委组织部', email: 'zuzhibu@example.edu.cn' },
  mail: { transport: 'outbox', dir: 'outbox' }, stateDir: 'state', reportDir: 'reports',
}));
const validate30 = repeat('validate 30×1k', () => child(process.execPath, [join(ROOT, 'bin', 'zhuanjie.js'), 'validate', join(auditDir, '登记表'), '--json', '--today', '2026-06-10'], true, [1]));
const audit30 = repeat('audit 30×1k', () => {
  // Every round from an empty store and outbox: all 30 submissions new, 30 replies and the summary composed.
  for (const d of ['state', 'outbox']) rmSync(join(auditDir, d), { recursive: true, force: true });
  return child(process.execPath, [join(ROOT, 'bin', 'zhuanjie.js'), 'audit', '--config', join(auditDir, 'config.json'), '--as-of', '2026-06-10']);
});

say(`5. 加载项：Chromium 中校验 ${SMALL} 行（测试宿主，模拟 Excel 网页版的往返延迟）`);
const pane = await addin();

say('6. 恶意输入的峰值内存（应 ≤ 约 1 GB：超限的在解析前拒绝）');
const hostileCases: [string, string, (f: string) => void][] = [
  ['sheet300', '解压 300 MB 的真实单元格 .xlsx', (f) => bigSheetXlsx(f, 300 * 1024 ** 2)],
  ['cells', '560 万个一位数单元格 .xlsx', (f) => bigSheetXlsx(f, 80 * 1024 ** 2, '<c><v>1</v></c>')],
  ['atCap', '上限以内最大的 .xlsx（105 MB，490 万单元格）', (f) => bigSheetXlsx(f, 105 * 1024 ** 2, '<c><v>20220831</v></c>')],
  ['field', '一个 54 MB 引号字段的 CSV', (f) => bigFieldCsv(f, 54 * 1024 ** 2)],
];
const hostile: Record<string, { label: string; ms: number; rssMB: number }> = {};
for (const [key, label, make] of hostileCases) {
  const file = join(OUT, `hostile-${key}${key === 'field' ? '.csv' : '.xlsx'}`);
  make(file);
  // Refused (exit 2) or read with findings (exit 1): either way the peak RSS is what counts.
  const r = child(process.execPath, [join(ROOT, 'bin', 'zhuanjie.js'), 'validate', file], true, [1, 2]);
  hostile[key] = { label, ms: Math.round(r.ms), rssMB: mb(r.rss) };
  say(`  ${label}：${hostile[key]!.ms} ms，峰值 ${hostile[key]!.rssMB} MB`);
}
say('7. 任务窗格脚本大小（Excel 网页版每次打开都要下载）');
const { paneBundleKB, paneBundleGzipKB } = await paneBundleSize();
say('8. 给党员本人的提醒：规划、撰写每封邮件并记入发送日志（outbox，每封 3 次 fsync）');
// One run only: at 10,000 members it takes minutes on a slow disk, and the figure is per member.
const MEMBERS = opts.quick ? 1_000 : 10_000;
const memberRun = child(process.execPath, [join(ROOT, 'bench', 'members.mjs'), String(MEMBERS)]);
const memberMails = JSON.parse(memberRun.stdout.trim().split('\n').at(-1)!) as { members: number; sent: number; ms: number; msPerMember: number };
if (memberMails.sent !== MEMBERS) throw new Error(`给党员本人的提醒只发出 ${memberMails.sent} / ${MEMBERS} 封`);
say(`  ${MEMBERS.toLocaleString()} 人：每人 ${memberMails.msPerMember} ms，峰值 ${mb(memberRun.rss)} MB`);

// --- Results ---------------------------------------------------------------------------
const results = {
  date: new Date().toISOString(),
  quick: opts.quick,
  rows: BIG,
  machine: { cpu: cpus()[0]?.model ?? '?', cores: cpus().length, memoryGB: Math.round(totalmem() / 1024 ** 3), os: `${osType()} ${release()}`, node: process.version },
  validateRowsPerSec: validate.rowsPerSec,
  validateFloorRowsPerSec: validate.floorRowsPerSec,
  validateLegacyRowsPerSec: validate.legacyRowsPerSec,
  read100k: { ms: Math.round(reads.ms), rssMB: mb(reads.rss) },
  reconcile100k: { ms: Math.round(ours.ms), rssMB: mb(ours.rss) },
  sheetjsFloor100k: { ms: Math.round(floor.ms), rssMB: mb(floor.rss) },
  audit30x1k: { ms: Math.round(audit30.ms), rssMB: mb(audit30.rss) },
  validate30x1k: { ms: Math.round(validate30.ms) },
  pandas100k: pandas && { ms: Math.round(pandas.ms), rssMB: mb(pandas.rss) },
  addin5k: pane && pane.full,
  addinEdit5k: pane && { ms: pane.edit.ms, syncs: pane.edit.syncs },
  addinPaste5k: pane && pane.paste,
  /** The simulated Excel on the web each addin figure includes (test/e2e/fakeExcel.ts). */
  addinLatency: EXCEL_ON_THE_WEB,
  paneBundleKB,
  /** The same file gzipped (level 6), as a web server sends it. */
  paneBundleGzipKB,
  hostile,
  /** Issue 22: planning, composing and journalling member mails (outbox transport); `members` is 1,000 with --quick. */
  memberMails10k: { members: memberMails.members, msPerMember: memberMails.msPerMember, rssMB: mb(memberRun.rss) },
  ratios: {
    validateOverFloor: +(validate.rowsPerSec / validate.floorRowsPerSec).toFixed(2),
    /** This rule path over the one before issue 13 (LEGACY_COMMIT), same rows, same process. */
    validateSpeedup: validate.legacyRowsPerSec ? +(validate.rowsPerSec / validate.legacyRowsPerSec).toFixed(2) : null,
    reconcileOverFloor: +(ours.ms / floor.ms).toFixed(2),
    reconcileOverPandas: pandas ? +(ours.ms / pandas.ms).toFixed(2) : null,
    /** The audit round over validating the same 30 files alone (target ≤ 2). */
    auditOverValidate: +(audit30.ms / validate30.ms).toFixed(2),
    /** One-cell edit over a full check, same run (target ≤ 0.25). */
    addinEditOverFull: pane ? pane.edit.fullRatio : null,
  },
};
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const n = BIG.toLocaleString();
const table: [string, string, string][] = [
  ['规则校验（内存）', `${validate.rowsPerSec.toLocaleString()} 行/秒`, `下限 ${validate.floorRowsPerSec.toLocaleString()} 行/秒，本项目 ÷ 下限 = ${results.ratios.validateOverFloor}（目标 ≥ 0.6）`],
  ['旧规则路径（内存）', validate.legacyRowsPerSec ? `${validate.legacyRowsPerSec.toLocaleString()} 行/秒` : '（未能构建）', results.ratios.validateSpeedup ? `本项目 ÷ 旧路径 = ${results.ratios.validateSpeedup}（目标 ≥ 2）` : ''],
  [`读取登记表 ${n} 行`, `${results.read100k.ms} ms，峰值 ${results.read100k.rssMB} MB`, ''],
  [`reconcile ${n} + ${n}`, `${results.reconcile100k.ms} ms，峰值 ${results.reconcile100k.rssMB} MB`, '目标 ≤ 2× 下限，≤ 1 GB'],
  ['登记表审核 30 个学院 × 1,000 行', `${results.audit30x1k.ms} ms，峰值 ${results.audit30x1k.rssMB} MB`, `只校验同样的文件 ${results.validate30x1k.ms} ms，审核 ÷ 校验 = ${results.ratios.auditOverValidate}（目标 ≤ 2，≤ 1 GB）`],
  ['SheetJS 解析下限', `${results.sheetjsFloor100k.ms} ms，峰值 ${results.sheetjsFloor100k.rssMB} MB`, `本项目 ÷ 下限 = ${results.ratios.reconcileOverFloor}`],
  ['pandas read_excel + merge', pandas ? `${results.pandas100k!.ms} ms，峰值 ${results.pandas100k!.rssMB} MB` : '（未安装）', pandas ? `本项目 ÷ pandas = ${results.ratios.reconcileOverPandas}` : ''],
  [`加载项 ${SMALL.toLocaleString()} 行（Chromium，模拟网页版）`, pane ? `${pane.full.ms} ms，${pane.full.syncs} 次 sync` : '（跳过）', `每次 sync ${EXCEL_ON_THE_WEB.syncMs} ms + 每 10 KB ${EXCEL_ON_THE_WEB.msPer10KB} ms`],
  ['加载项：实时校验单格修改', pane ? `${pane.edit.ms} ms，${pane.edit.syncs} 次 sync` : '（跳过）', pane ? `整表校验的 ${pane.edit.fullRatio}（目标 ≤ 0.25，≤ 2 次 sync）` : ''],
  ['加载项：粘贴 500 行', pane ? `${pane.paste.ms} ms，${pane.paste.syncs} 次 sync` : '（跳过）', '目标 ≤ 2 次 sync'],
  ['任务窗格脚本', `${paneBundleKB} KB（gzip ${paneBundleGzipKB} KB）`, '目标 ≤ 60 KB（未压缩）；不含 zod（配置校验只在 Node 端）'],
  [`给党员本人的提醒 ${MEMBERS.toLocaleString()} 人（outbox）`, `每人 ${memberMails.msPerMember} ms，峰值 ${results.memberMails10k.rssMB} MB`, '目标 ≤ 2 ms/人，≤ 1 GB'],
  ...Object.values(hostile).map((h): [string, string, string] => [h.label, `${h.ms} ms，峰值 ${h.rssMB} MB`, '目标 ≤ 1 GB']),
];
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
const w0 = Math.max(...table.map((r) => displayWidth(r[0])));
const w1 = Math.max(...table.map((r) => displayWidth(r[1])));
console.log(`\nzhuanjie 基准测试（${opts.quick ? '快速' : '完整'}，${REPS} 次取中位数；${results.machine.cpu}，${results.machine.cores} 核，Node ${process.version}）\n`);
for (const [a, b, c] of table) console.log(`  ${pad(a, w0)}  ${pad(b, w1)}  ${c}`);
console.log(`\n结果：${join('bench', 'results.json')}`);
