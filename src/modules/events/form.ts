import { randomBytes } from 'node:crypto';
import type { FieldError } from '../../shared/errors.ts';
import type { FormFieldType, SignupAnswer, SignupFormField } from './schema.ts';

/** At most this many questions on one sign-up form, and choices on one question. */
export const MAX_FORM_FIELDS = 20;
export const MAX_FIELD_OPTIONS = 20;
const MAX_TEXT_ANSWER = 500;

export interface FormFieldInput {
  /** The key of a question already on the form (kept, so its answers keep their question); none for a new one. */
  key?: string | undefined;
  type: FormFieldType;
  labelZh: string;
  required: boolean;
  options?: string[] | undefined;
}

const problem = (field: string, message: string, messageEn: string): FieldError => ({ field, message, messageEn });
const newKey = () => `q_${randomBytes(6).toString('hex')}`;
const isChoice = (t: FormFieldType) => t === 'single' || t === 'multi';

/**
 * The staff's questions as the form to store: labels and choices trimmed, choices only on choice
 * questions (at least two, none twice), no label twice, a known key kept and a new question given
 * one. Answers the problems, each naming its field, or the form.
 */
export function formOf(input: readonly FormFieldInput[], current: readonly SignupFormField[]): { form: SignupFormField[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const known = new Set(current.map((f) => f.key));
  const labels = new Set<string>();
  const keys = new Set<string>();
  const form = input.map((f, i): SignupFormField => {
    const at = `body.fields.${i}`;
    const labelZh = f.labelZh.trim();
    if (labels.has(labelZh)) problems.push(problem(`${at}.labelZh`, `问题“${labelZh}”重复`, `question "${labelZh}" repeats`));
    labels.add(labelZh);
    let key = f.key ?? newKey();
    if (f.key !== undefined && !known.has(f.key)) problems.push(problem(`${at}.key`, '该问题不在报名表中（新问题不填编号）', 'no such question on the form (leave the key out for a new one)'));
    if (keys.has(key)) {
      problems.push(problem(`${at}.key`, '问题编号重复', 'the key repeats'));
      key = newKey();
    }
    keys.add(key);
    const options = (f.options ?? []).map((o) => o.trim()).filter(Boolean);
    if (isChoice(f.type)) {
      if (options.length < 2) problems.push(problem(`${at}.options`, `“${labelZh}”为选择题，请至少填写 2 个选项`, 'a choice question needs at least two options'));
      if (new Set(options).size !== options.length) problems.push(problem(`${at}.options`, `“${labelZh}”的选项有重复`, 'an option repeats'));
    } else if (options.length) problems.push(problem(`${at}.options`, `“${labelZh}”不是选择题，不能设置选项`, 'only choice questions have options'));
    return { key, type: f.type, labelZh, required: f.required, options: isChoice(f.type) ? options : [] };
  });
  return { form, problems };
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length);

/**
 * A maker's answers checked against the event's form: each required question answered, each answer
 * of its question's type (a number, one of the choices, yes or no), no answer to a question the form
 * does not ask. Answers as stored (each with its question's label), or the problems, each naming
 * `body.answers.<key>` and the question.
 */
export function answersOf(form: readonly SignupFormField[], raw: Readonly<Record<string, unknown>>): { answers: SignupAnswer[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const answers: SignupAnswer[] = [];
  const asked = new Set(form.map((f) => f.key));
  for (const key of Object.keys(raw)) if (!asked.has(key)) problems.push(problem(`body.answers.${key}`, '报名表没有这个问题', 'the form asks no such question'));
  for (const f of form) {
    const at = `body.answers.${f.key}`;
    const v = raw[f.key];
    if (blank(v)) {
      if (f.required) problems.push(problem(at, `请回答“${f.labelZh}”`, `"${f.labelZh}" is required`));
      continue;
    }
    const wrong = (zh: string, en: string) => problems.push(problem(at, `“${f.labelZh}”${zh}`, en));
    switch (f.type) {
      case 'text':
        if (typeof v !== 'string') wrong('应为文字', 'must be text');
        else if (v.trim().length > MAX_TEXT_ANSWER) wrong(`不超过 ${MAX_TEXT_ANSWER} 字`, `at most ${MAX_TEXT_ANSWER} characters`);
        else answers.push({ key: f.key, labelZh: f.labelZh, value: v.trim() });
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) wrong('应为数字', 'must be a number');
        else answers.push({ key: f.key, labelZh: f.labelZh, value: v });
        break;
      case 'yesno':
        if (typeof v !== 'boolean') wrong('应为是或否', 'must be yes or no');
        else answers.push({ key: f.key, labelZh: f.labelZh, value: v });
        break;
      case 'single':
        if (typeof v !== 'string' || !f.options.includes(v)) wrong('应为所列选项之一', 'must be one of the options');
        else answers.push({ key: f.key, labelZh: f.labelZh, value: v });
        break;
      case 'multi':
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !f.options.includes(x)) || new Set(v).size !== v.length) wrong('应为所列选项（可多选，不重复）', 'must be distinct options of the list');
        else answers.push({ key: f.key, labelZh: f.labelZh, value: v as string[] });
        break;
    }
  }
  return { answers, problems };
}
