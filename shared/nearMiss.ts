/**
 * Near-miss identities (issue 18): a registration whose ID number is one typed digit or
 * one swap of two neighbouring digits away from a receipt's, under the same name. Such
 * a pair is shown for a person to confirm and never counted as completed: a typo in a
 * registration must not hide a finished transfer (「尚未收到回执」 → 按失联处置), and a
 * near number must not finish someone else's.
 */

/** How two 18-character ID numbers differ, when by one digit or one neighbouring swap. */
export type IdDifference =
  | { kind: 'digit'; position: number; registered: string; receipt: string }
  | { kind: 'swap'; position: number; registered: string; receipt: string };

export function idDifference(registered: string, receipt: string): IdDifference | null {
  if (registered.length !== 18 || receipt.length !== 18 || registered === receipt) return null;
  const diffs: number[] = [];
  for (let i = 0; i < 18; i++) {
    if (registered[i] !== receipt[i]) {
      diffs.push(i);
      if (diffs.length > 2) return null;
    }
  }
  const [a, b] = diffs as [number, number?];
  if (b === undefined) return { kind: 'digit', position: a + 1, registered: registered[a]!, receipt: receipt[a]! };
  if (b === a + 1 && registered[a] === receipt[b] && registered[b] === receipt[a]) {
    return { kind: 'swap', position: a + 1, registered: registered.slice(a, b + 1), receipt: receipt.slice(a, b + 1) };
  }
  return null;
}

/** The difference in words, for 原因: which digit, what the registration and the receipt say. */
export function idDifferenceText(d: IdDifference): string {
  return d.kind === 'digit'
    ? `身份证号第${d.position}位不同（登记为「${d.registered}」，回执为「${d.receipt}」）`
    : `身份证号第${d.position}、${d.position + 1}位顺序颠倒（登记为「${d.registered}」，回执为「${d.receipt}」）`;
}
