/**
 * A paper letter's last valid day: 开具日期 + 有效期 (seed 003: 务必在有效期内报到). One place,
 * for the reconciliation's 介绍信过期, the lists' 介绍信有效期至 and the member's own mail.
 */
import { addDays } from './normalize.js';

export const lastValidDay = (m: { method: string | null; issueDate: string | null; validDays: number | null }): string | null =>
  m.method === 'paper' && m.issueDate && m.validDays ? addDays(m.issueDate, m.validDays) : null;
