import type { Db } from '../../db/client.ts';
import type { Actor } from '../../shared/actor.ts';
import * as audit from '../audit/index.ts';
import type { AuditContext } from '../audit/index.ts';
import { addTable, DATE_TIME_FORMAT, excelDateTime, workbook, xlsxBuffer, type XlsxColumn } from '../documents/index.ts';
import * as repo from './repository.ts';
import type { SignupAnswer, SignupFormField, SignupStatus } from './schema.ts';
import { ownEvent } from './service.ts';

export const SIGNUP_STATUS_NAMES: Record<SignupStatus, string> = {
  pending: '待审核',
  confirmed: '已确认',
  waitlisted: '候补中',
  offered: '候补名额待确认',
  cancelled: '已取消',
  rejected: '未通过',
  expired: '候补已过期',
};
/** A confirmed sign-up whose token was scanned shows as checked in. */
const CHECKED_IN = '已签到';
const SOURCE_NAMES: Record<string, string> = { desk: '现场签到', scan: '扫码签到', offline: '离线签到同步' };

/** The whole list of one event, however it grew (capacity and waitlist are bounded per event). */
const ALL_SIGNUPS = 1_000_000;

const FIXED_COLUMNS: XlsxColumn[] = [
  { key: 'n', header: '序号', width: 6 },
  { key: 'name', header: '报名人', width: 16 },
  { key: 'status', header: '状态', width: 14 },
  { key: 'place', header: '候补顺位', width: 9 },
  { key: 'signedUpAt', header: '报名时间', width: 17, numFmt: DATE_TIME_FORMAT },
  { key: 'checkedInAt', header: '签到时间', width: 17, numFmt: DATE_TIME_FORMAT },
  { key: 'source', header: '签到方式', width: 12 },
  { key: 'note', header: '报名备注', width: 30 },
];

/** An answer as a cell: numbers stay numbers, yes-no in words, several choices joined by 、. */
function answerCell(v: SignupAnswer['value']): string | number {
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.join('、');
  return v;
}

/**
 * One column per question: the form's questions in its order under their current labels, then
 * questions since dropped from the form that some sign-up answered (under the label they had,
 * marked 已删除), so every answer given has its column.
 */
function answerColumns(form: readonly SignupFormField[], answered: readonly SignupAnswer[][]): XlsxColumn[] {
  const columns = new Map(form.map((f) => [f.key, f.labelZh]));
  for (const answers of answered) for (const a of answers) if (!columns.has(a.key)) columns.set(a.key, `${a.labelZh}（已删除）`);
  return [...columns].map(([key, header]) => ({ key: `q:${key}`, header, width: Math.min(40, Math.max(12, header.length * 2 + 4)) }));
}

/**
 * An event's sign-ups as a workbook for its space's staff, WPS-compatible: who signed up, the state
 * (checked in, confirmed, waitlisted with the place, offered, cancelled…), when, and the sign-up
 * form's answers as columns; no contact data, as on the list. Audited with the count only.
 */
export async function exportSignups(db: Db, actor: Actor, ctx: AuditContext, eventId: string) {
  const { event } = await ownEvent(db, actor, eventId);
  const { rows } = await repo.signupsOf(db, eventId, undefined, {}, ALL_SIGNUPS, 0);
  const places = await repo.waitlistPlaces(
    db,
    rows.filter((r) => r.signup.status === 'waitlisted').map((r) => r.signup.id),
  );
  const questions = answerColumns(
    event.signupForm,
    rows.map((r) => r.signup.answers),
  );
  const book = await workbook();
  addTable(
    book,
    '报名名单',
    [...FIXED_COLUMNS, ...questions],
    rows.map(({ signup: s, name }, i) => ({
      n: i + 1,
      name,
      status: s.checkedInAt ? CHECKED_IN : SIGNUP_STATUS_NAMES[s.status],
      place: places.get(s.id) ?? null,
      signedUpAt: excelDateTime(s.createdAt),
      checkedInAt: s.checkedInAt ? excelDateTime(s.checkedInAt) : null,
      source: s.checkInSource ? (SOURCE_NAMES[s.checkInSource] ?? s.checkInSource) : '',
      note: s.note ?? '',
      ...Object.fromEntries(s.answers.map((a) => [`q:${a.key}`, answerCell(a.value)])),
    })),
  );
  await audit.record(db, ctx, { action: 'event.signups.export', objectType: 'space_event', objectId: eventId, detail: { rows: rows.length } });
  return { buffer: await xlsxBuffer(book), fileName: `${event.title}-报名名单.xlsx` };
}
