import { z } from 'zod';
import { bi } from '../i18n-errors.ts';
import { revisionInput } from './revision.ts';

/**
 * Route fields the modules' routes declare alike, so a 400 names the field with the same words on
 * every route: ids in the path and the body, the texts of a form, the revision an edit started from
 * and the filters of a list's query.
 */

/** An id (UUID) refused with what it should have been: `uuid('应为征集编号', 'must be a call id')`. */
export const uuid = (zh: string, en: string) => z.uuid(bi(zh, en));

/** A required text of `min` to `max` characters, trimmed first. */
export const text = (zh: string, min: number, max: number) =>
  z
    .string(bi(`请填写${zh}`, 'required'))
    .trim()
    .min(min, bi(`请填写${zh}${min > 1 ? `（至少 ${min} 个字）` : ''}`, `enter it${min > 1 ? ` (at least ${min} characters)` : ''}`))
    .max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`));

/** An optional text of at most `max` characters, trimmed first. */
export const optionalText = (zh: string, max: number) => z.string(bi(`${zh}应为文字`, 'must be text')).trim().max(max, bi(`${zh}不超过 ${max} 字`, `at most ${max} characters`)).optional();

/** A yes/no filter of a list's query (`?active=true`), refused by name unless `true` or `false`. */
export const queryFlag = () => z.enum(['true', 'false'], bi('应为 true 或 false', 'must be true or false')).transform((v) => v === 'true');

/** `/:id` of one kind of record. */
export const idParams = (zh: string, en: string) => z.strictObject({ id: uuid(zh, en) });

/** `/:id/files/:fileId`: a file of the record `id`. */
export const fileParams = (zh: string, en: string) => idParams(zh, en).extend({ fileId: uuid('应为文件编号', 'must be a file id') });

/** `/spaces/:spaceId`. */
export const SpaceParams = z.strictObject({ spaceId: uuid('应为众创空间编号', 'must be a space id') });

/** The body of a move that carries nothing but the revision it was made on. */
export const RevisionBody = z.strictObject({ revision: revisionInput() });

/** List filters: one space, and a keyword over the title or the space's name. */
export const spaceFilter = uuid('应为众创空间编号', 'must be a space id').optional();
export const keywordFilter = z.string().trim().max(100, bi('关键词不超过 100 字', 'at most 100 characters')).optional().describe('Title or space name contains.');
