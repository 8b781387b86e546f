/**
 * Excel work one job at a time: a live re-check must not interleave with a button
 * click. A job that fails is reported, and the jobs after it still run.
 */

export interface Queue {
  /** Run `job` after every job queued before it; resolves when it is done (never rejects). */
  run(job: () => Promise<void>): Promise<void>;
  /** Resolves when the queue is empty (tests wait on it). */
  idle(): Promise<void>;
}

export function createQueue(onError: (err: unknown) => void): Queue {
  let busy = Promise.resolve();
  return {
    run(job) {
      busy = busy.then(job).catch(onError);
      return busy;
    },
    idle: () => busy,
  };
}

/** An error from a job, in words for the user. */
export function explain(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'InvalidOperationInCellEditMode') return '单元格正在编辑中：请先按 Enter 结束编辑再操作。';
  return `操作未完成：${e?.message ?? String(err)}`;
}
