import { z } from 'zod';
import { AppError, fieldError } from '../errors.ts';
import { bi } from '../i18n-errors.ts';

/**
 * An action on many rows of a paged list (release decisions, publish a notice): on the rows the
 * user ticked, given by id, or on all that match the list, with the number the user saw. The
 * user never saw every row of "all", so the server counts the matching set again at the time of
 * the write and refuses (409 `COUNT_CHANGED`, nothing done) when it grew or shrank meanwhile.
 */
export const AllMatching = {
  all: z.literal(true, bi('all 只能为 true', 'all must be true')).optional().describe('Act on every matching row instead of listing ids; `expectedCount` is then required.'),
  expectedCount: z
    .number(bi('确认的数量应为整数', 'expectedCount must be an integer'))
    .int()
    .min(1, bi('确认的数量至少为 1', 'expectedCount is at least 1'))
    .optional()
    .describe('The number of rows the user confirmed on screen; the action is refused when the set it works on has another size.'),
};

/** The ids (`ids`) or "all" with the expected count, or 400 naming the field of a bad combination. */
export function chosenOrAll(input: { all?: true | undefined; expectedCount?: number | undefined }, ids: string[] | undefined, idsField: string): { ids: string[] } | { ids: undefined; expectedCount: number } {
  if (ids && input.all) throw fieldError('body.all', `不能同时指定 all 和 ${idsField}`, `give either all or ${idsField}, not both`);
  if (input.all) {
    if (input.expectedCount === undefined) throw fieldError('body.expectedCount', '选择全部时须确认数量', 'all needs the count the user confirmed');
    return { ids: undefined, expectedCount: input.expectedCount };
  }
  if (!ids?.length) throw fieldError(`body.${idsField}`, '请至少选择一项，或选择全部', 'choose at least one, or all');
  if (input.expectedCount !== undefined && input.expectedCount !== ids.length)
    throw fieldError('body.expectedCount', `确认的数量（${input.expectedCount}）与所选数量（${ids.length}）不一致，请重新核对`, `the confirmed count (${input.expectedCount}) differs from the ${ids.length} chosen`);
  return { ids };
}

/** Refuses an "all" action whose matching set no longer has the size the user confirmed. */
export function checkCount(actual: number, expected: number): void {
  if (actual !== expected)
    throw new AppError('COUNT_CHANGED', {
      zh: `符合条件的事项现有 ${actual} 项，与您确认的 ${expected} 项不一致，本次操作未执行，请刷新后重新确认`,
      en: `${actual} items match now, not the ${expected} you confirmed; nothing was done. Reload and confirm again`,
      details: { actual, expected },
    });
}
