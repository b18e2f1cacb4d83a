import { z } from 'zod';
import { bi } from '../i18n-errors.ts';
import { beijingYear } from '../beijing-time.ts';

const YEAR = bi('年度应为 2000–2100 的整数', 'the year is an integer 2000–2100');

/** A `year` query field of the yearly figures an authority reads; this Beijing year without it. */
export const yearQueryField = () =>
  z.coerce
    .number(YEAR)
    .int(YEAR)
    .min(2000, YEAR)
    .max(2100, YEAR)
    .default(() => beijingYear())
    .describe('Beijing calendar year; this year without it.');
