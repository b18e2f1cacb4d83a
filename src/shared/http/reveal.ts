import { z } from 'zod';
import { bi } from '../i18n-errors.ts';

/*
 * "View in full" (SECURITY-CHECKLIST 18): personal data is masked in every answer; one endpoint per
 * record, `POST …/reveal`, returns one field in full to someone permitted, for a stated reason,
 * and writes an audit row (`personal_data.reveal`) naming the field and the reason, never the value.
 */

export const REVEAL_AUDIT_ACTION = 'personal_data.reveal';

/** Shorter than this is no reason ("看看"); long enough for "核实联系人身份". */
export const REVEAL_REASON_MIN = 5;

/** The request: which field, and why. A field not in `fields` is refused naming the ones that are. */
export function RevealBody<const F extends readonly [string, ...string[]]>(fields: F) {
  return z.strictObject({
    field: z.enum(fields, bi(`只能查看以下字段的完整内容：${fields.join('、')}`, `must be one of: ${fields.join(', ')}`)),
    reason: z
      .string(bi('请填写查看理由', 'enter the reason'))
      .trim()
      .min(REVEAL_REASON_MIN, bi(`查看理由至少 ${REVEAL_REASON_MIN} 个字`, `state the reason in at least ${REVEAL_REASON_MIN} characters`))
      .max(500, bi('查看理由不超过 500 个字', 'at most 500 characters')),
  });
}

/** The answer: that one field, nothing else of the record. */
export const RevealResponse = z.object({ field: z.string(), value: z.string().nullable() });
