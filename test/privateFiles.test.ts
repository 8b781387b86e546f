/**
 * Personal data at rest is the owner's only (issue 24, item 6): the mailbox journal and the
 * saved receipt photos are 0600 and the folders created for them 0700, like the send
 * journal and the report. The demo mailbox (a Maildir folder) runs the same fetch code as IMAP.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleConfig, sampleWorkbooks } from '../jobs/demo/sample.js';
import { sampleMaildir } from '../jobs/demo/sampleMail.js';
import { cli, tempDir } from './helpers.js';

const mode = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private state files', () => {
  it('`receipts fetch`: state/mailbox.jsonl and every receipt photo 0600; state, receipts and each 学号 folder 0700', () => {
    const dir = tempDir('zhuanjie-private-');
    sampleWorkbooks(join(dir, 'input'));
    sampleMaildir(join(dir, 'input', '回执邮箱'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ ...sampleConfig(), mailbox: { maildir: 'input/回执邮箱' } }));
    expect(cli(['receipts', 'fetch', '--config', file]).code).toBe(0);

    const state = join(dir, 'state');
    expect(mode(join(state, 'mailbox.jsonl'))).toBe(0o600);
    const receipts = join(state, 'receipts');
    const folders = readdirSync(receipts).map((f) => join(receipts, f));
    expect(folders.length).toBeGreaterThanOrEqual(3);
    const photos = folders.flatMap((f) => readdirSync(f).map((p) => join(f, p)));
    expect(photos.length).toBeGreaterThanOrEqual(4);
    expect([state, receipts, ...folders].map((f) => [f, mode(f)])).toEqual([state, receipts, ...folders].map((f) => [f, 0o700]));
    expect(photos.map((f) => [f, mode(f)])).toEqual(photos.map((f) => [f, 0o600]));
  });
});
