/** Loading the JSON config file; paths inside it are relative to the file. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseJobConfig, JobConfigSchema, type JobConfig } from '../../shared/config.js';
import { InputError } from './errors.js';
import { locateJsonError } from '../../shared/jsonError.js';

export interface LoadedConfig {
  config: JobConfig;
  /** Resolve a path from the config against the config file's folder. */
  path: (p: string) => string;
  file: string | null;
}

export function loadConfig(file: string | undefined): LoadedConfig {
  if (!file) {
    const config = JobConfigSchema.parse({});
    return { config, path: (p) => resolve(p), file: null };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(file, '配置文件不存在或无法读取。');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text (which may hold secrets) and on Node 20 has no position.
    const at = locateJsonError(text);
    throw new InputError(file, at ? `配置文件第 ${at.line} 行第 ${at.column} 列有 JSON 格式错误：${at.problem}。` : '配置文件不是有效的 JSON。');
  }
  const parsed = parseJobConfig(data, file);
  if (!parsed.ok) throw new InputError(file, `配置有误：\n${parsed.message}`);
  const base = dirname(resolve(file));
  return { config: parsed.config, path: (p) => (isAbsolute(p) ? p : resolve(base, p)), file };
}


/**
 * Checked at start, before any reading or reconciling: an SMTP login needs its
 * password in the environment, and finding out after minutes of work is no help.
 */
export function assertMailSecrets(loaded: LoadedConfig, env: NodeJS.ProcessEnv = process.env): void {
  const mail = loaded.config.mail;
  if (mail.transport !== 'smtp' || !mail.user || env[mail.passwordEnv]) return;
  throw new InputError(loaded.file ?? '配置', `已设置 SMTP 用户 ${mail.user}，但环境变量 ${mail.passwordEnv} 中没有密码。请先设置该环境变量（密码不能写在配置文件里），再运行。`);
}
