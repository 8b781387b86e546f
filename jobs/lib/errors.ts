import { printable } from './terminal.js';

/** An input problem the user can fix: shown as one Chinese line, exit code 2, no stack trace. */
export class InputError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    // The file's name goes to a terminal: its control characters are shown escaped.
    super(`${printable(file)}：${reason}`);
    this.name = 'InputError';
  }
}
