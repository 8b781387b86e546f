/** Progress on stderr for long runs, silent when stderr is not a terminal (CI, cron, pipes). */
import { basename } from 'node:path';
import { printable } from '../lib/terminal.js';

export function progress(total: number, verb: string) {
  let done = 0;
  const show = process.stderr.isTTY && total > 1;
  return <T>(file: string, work: () => T): T => {
    done++;
    if (show) process.stderr.write(`\r${verb} ${done}/${total}：${printable(basename(file))}\x1b[K`);
    const out = work();
    if (show && done === total) process.stderr.write('\r\x1b[K');
    return out;
  };
}
