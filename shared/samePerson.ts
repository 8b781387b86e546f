/**
 * One member registered twice (issue 18): the same person in two colleges' sheets, or
 * twice in one. Same valid ID number, or the same 学号 under the same name. A 学号
 * shared by two different names is not merged: two people must never become one on a
 * guess (that is a typo for a person to correct; validate reports it inside a file).
 */
import { compareNames } from './names.js';

/** Where a registration row is: enough to find it and to name it to a secretary. */
export interface RowPlace {
  file: string;
  row: number;
  college: string;
  name: string;
}

export interface Identity extends RowPlace {
  studentId: string;
  /** Valid GB 11643 number, else null. */
  idNumber: string | null;
}

/** A row that registers again someone an earlier row registered: counted once, at `first`. */
export interface RepeatedRow<T extends Identity = Identity> {
  first: T;
  repeat: T;
  /** What makes them one person: 身份证号 and/or 学号. */
  by: string;
}

/** 「重复登记（另见 X学院 第N行）」: how each of the two rows names the other (the files are in the 组织部's list). */
export const repeatText = (other: RowPlace) => `重复登记（另见 ${other.college} 第${other.row}行）`;

/**
 * Every row that repeats an earlier one (in the order given: files, then rows), with the
 * group's first row. A third row repeats the first, not the second.
 */
export function repeatedRegistrations<T extends Identity>(rows: readonly T[]): RepeatedRow<T>[] {
  const firstBy = new Map<string, T>();
  const out: RepeatedRow<T>[] = [];
  const groupOf = new Map<T, T>();
  const order = new Map<T, number>();
  for (const r of rows) {
    order.set(r, order.size);
    const byId = r.idNumber ? firstBy.get(`id:${r.idNumber}`) : undefined;
    const bySid = r.studentId ? firstBy.get(`sid:${r.studentId}`) : undefined;
    const sidSame = bySid && compareNames(bySid.name, r.name).same ? bySid : undefined;
    const earlier = [byId, sidSame].filter((x): x is T => x !== undefined).map((x) => groupOf.get(x) ?? x);
    if (earlier.length) {
      const first = earlier.sort((a, b) => order.get(a)! - order.get(b)!)[0]!;
      const by = [byId && first.idNumber === r.idNumber ? '身份证号' : '', first.studentId && first.studentId === r.studentId ? '学号' : ''].filter(Boolean).join('、') || '身份证号';
      out.push({ first, repeat: r, by });
      groupOf.set(r, first);
    }
    if (r.idNumber && !firstBy.has(`id:${r.idNumber}`)) firstBy.set(`id:${r.idNumber}`, r);
    if (r.studentId && !firstBy.has(`sid:${r.studentId}`)) firstBy.set(`sid:${r.studentId}`, r);
  }
  return out;
}
