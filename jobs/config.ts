/** Loading the JSON config file; paths inside it are relative to the file. */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseJobConfig, JobConfigSchema, sourceOf, type JobConfig } from '../shared/config.js';
import type { PipelineInput } from './pipeline.js';
import { InputError } from './errors.js';

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
  } catch (err) {
    throw new InputError(file, `配置文件不是有效的 JSON（${(err as Error).message}）。`);
  }
  const parsed = parseJobConfig(data, file);
  if (!parsed.ok) throw new InputError(file, `配置有误：\n${parsed.message}`);
  const base = dirname(resolve(file));
  return { config: parsed.config, path: (p) => (isAbsolute(p) ? p : resolve(base, p)), file };
}

/** The pipeline's input as the config file describes it, paths resolved against the file's folder. */
export function pipelineInput(loaded: LoadedConfig, asOf: string, cohort: number): PipelineInput {
  const { config, path } = loaded;
  const resolveSource = (e: JobConfig['receipts'][number]) => {
    const s = sourceOf(e);
    return { ...s, path: path(s.path) };
  };
  return {
    registrations: config.registrations.map(resolveSource),
    receipts: config.receipts.map(resolveSource),
    columns: config.columns,
    columnsFrom: loaded.file ?? '配置',
    settings: config.rules,
    colleges: config.colleges,
    asOf,
    cohort,
  };
}
