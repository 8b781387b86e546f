/** An input problem the user can fix: shown as one Chinese line, exit code 2, no stack trace. */
export class InputError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`${file}：${reason}`);
    this.name = 'InputError';
  }
}
