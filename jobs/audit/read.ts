/**
 * A submission read once: the parsed workbook (to annotate) and its validation (the
 * same rules and findings as `zhuanjie validate`).
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { WorkBook } from 'xlsx';
import { validateFile, type FileValidation, type ValidateFileOptions } from '../lib/read/load.js';
import { readWorkbookFile } from '../lib/read/workbook.js';
import { annotatedWorkbook } from './annotate.js';
import { InputError } from '../lib/errors.js';
import { assertWritable, writeFileAtomic } from '../lib/files.js';

export interface ReadSubmission { validation: FileValidation; workbook: WorkBook }

export function readSubmission(file: string, opts: Omit<ValidateFileOptions, 'workbook'>): ReadSubmission {
  const workbook = readWorkbookFile(file);
  return { workbook, validation: validateFile(file, { ...opts, workbook }) };
}

/** 「计算机学院-登记表.xls」 → 「计算机学院-登记表-审核意见.xlsx」 beside it. */
export const annotatedName = (file: string) => join(dirname(file), `${basename(file, extname(file))}-审核意见.xlsx`);

/** `zhuanjie annotate`: the annotated copy of one file; the original is only read, an existing output only replaced with --force. */
export async function annotateFile(file: string, opts: Omit<ValidateFileOptions, 'workbook'> & { out?: string; force?: boolean }): Promise<{ out: string; validation: FileValidation }> {
  const out = opts.out ?? annotatedName(file);
  if (resolve(out) === resolve(file)) throw new InputError(out, '输出文件不能是原文件：原文件从不改动，请换一个文件名。');
  assertWritable(out, Boolean(opts.force));
  const { workbook, validation } = readSubmission(file, opts);
  const buf = await annotatedWorkbook({ workbook, sheet: validation.sheet, headerRow: validation.headerRow, findings: validation.findings, title: basename(file) });
  writeFileAtomic(out, buf, { private: true });
  return { out, validation };
}
