/** The audit's deadline, from the one table of the season's deadlines (seed 001: 6月10日). */
import { deadlinesOf } from '../../shared/deadlines.js';

/** `06-10`: the id of the audit's row, the kind of every message the audit sends, and `run --checkpoint 06-10`. */
export const AUDIT_DEADLINE = deadlinesOf('audit')[0]!.id;
