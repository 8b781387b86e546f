// memberMails10k (issue 22): planning, composing and journalling one mail to each of N
// members through the run's courier and the outbox transport (.eml files), in its own
// child process so that the peak RSS is its own. Plain JavaScript on tsc's output in dist/.
// Prints one JSON line: { members, sent, ms, msPerMember }.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { validateSheet } from '../dist/shared/validate.js';
import { reconcile } from '../dist/shared/reconcile.js';
import { parseJobConfig } from '../dist/shared/config.js';
import { checkCharacter } from '../dist/shared/idNumber.js';
import { SendJournal } from '../dist/jobs/lib/mail/journal.js';
import { Courier } from '../dist/jobs/lib/mail/courier.js';
import { OutboxSender } from '../dist/jobs/lib/mail/transport.js';
import { sendMemberMails, stallsOf } from '../dist/jobs/members/send.js';

const N = Number(process.argv[2] ?? 10_000);
const HEADER = ['学院', '所在党支部', '姓名', '性别', '学号', '身份证号', '党员类别', '入党时间', '转接类型', '办理方式', '介绍信抬头', '接收党组织', '介绍信编号', '开具日期', '有效期', '党费交至', '联系电话', '电子邮箱'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['明远', '思雨', '浩然', '静怡', '子涵', '雅琪', '博文', '欣然', '俊杰', '宇航', '晓雯', '天佑'];
const rows = [['2026届毕业生党员组织关系介绍信登记表'], HEADER];
for (let i = 0; i < N; i++) {
  const first17 = `110108${2003 + (i % 3)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
  const paper = i % 5 === 0;
  rows.push([
    '计算机学院', '计算机学院2022级本科生第一党支部', `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`, i % 2 ? '男' : '女',
    String(2022000000 + i), first17 + checkCharacter(first17), '正式党员', '2024-05-20', '京外', paper ? '纸质介绍信' : '线上',
    paper ? '中国人民解放军某部政治工作部' : '中共长沙市委组织部', paper ? '中国人民解放军某部某营党委' : '中共长沙市岳麓区麓山街道工作委员会',
    paper ? `2026${String(i).padStart(5, '0')}` : '', '2026-06-12', paper ? 90 : '', '2026年6月', `139${String(10000000 + i).slice(-8)}`, `m${i}@example.com`,
  ]);
}
const validated = validateSheet({ name: '登记表', rows }, { today: '2026-06-12' });
const members = validated.records.map((m) => ({ ...m, file: 'bench.xlsx', college: '计算机学院' }));
const parsed = parseJobConfig({
  cohort: 2026,
  colleges: [{ name: '计算机学院', secretary: { name: '王老师', email: 'jsj-dangwei@example.edu.cn' } }],
  orgDept: { name: '党委组织部', email: 'zuzhibu@example.edu.cn', phone: '010-12345678' },
  memberMails: { letter: true, expiry: true, checkpoint: true, overdue: true, dailyCap: 100_000, receiptAddress: 'dangwei-huizhi@example.edu.cn' },
}, 'bench');
if (!parsed.ok) throw new Error(parsed.message);
const config = parsed.config;
const result = reconcile({ members, receipts: [], asOf: '2026-06-12', cohort: 2026, settings: config.rules });

const dir = mkdtempSync(join(tmpdir(), 'zhuanjie-bench-members-'));
try {
  const t = performance.now();
  const journal = new SendJournal(join(dir, 'state', 'journal.jsonl'));
  const state = journal.read();
  const sender = new OutboxSender(join(dir, 'outbox'), config.from);
  const courier = new Courier(journal, state, sender, { log: () => {} });
  const o = await sendMemberMails({ config, stalled: stallsOf(config, result), result, cohort: 2026, courier, state, sender, log: () => {} });
  const ms = performance.now() - t;
  console.log(JSON.stringify({ members: N, sent: o.sent, ms: Math.round(ms), msPerMember: +(ms / N).toFixed(3) }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
