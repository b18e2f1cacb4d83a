import { z } from 'zod';
import type { FieldError } from './errors.ts';

/**
 * Bilingual messages for validation. Custom messages in schemas are written with `bi(zh, en)`;
 * built-in Zod issues are rendered with Zod's own zh-CN and en locales.
 */
const SEP = ' ‖ ';

export function bi(zh: string, en: string): string {
  return `${zh}${SEP}${en}`;
}

const zhLocale = z.locales.zhCN().localeError;
const enLocale = z.locales.en().localeError;

type IssueLike = { code: string; message?: string; path?: PropertyKey[]; [k: string]: unknown };

function render(locale: typeof zhLocale, issue: IssueLike): string {
  const out = locale(issue as never);
  return typeof out === 'string' ? out : (out?.message ?? issue.message ?? '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/**
 * Turns one Zod issue into a field error naming the field and the expectation in both languages.
 * `root` is the validated value: Zod leaves the offending input out of issues, and the messages
 * ("expected number, received string") need it.
 */
export function issueToFieldError(issue: IssueLike, prefix: string, root?: unknown): FieldError {
  const pathParts = (issue.path ?? []).map(String);
  if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
    const keys = (issue.keys as string[]).join(', ');
    const field = [prefix, ...pathParts].filter(Boolean).join('.');
    return {
      field: field ? `${field}.${keys}` : keys,
      message: `不允许的字段：${keys}`,
      messageEn: `unknown field(s): ${keys}`,
    };
  }
  const field = [prefix, ...pathParts].filter(Boolean).join('.') || prefix;
  const custom = issue.message?.includes(SEP) ? issue.message.split(SEP) : undefined;
  const withInput = 'input' in issue ? issue : { ...issue, input: valueAt(root, issue.path ?? []) };
  return {
    field,
    message: custom?.[0] ?? render(zhLocale, withInput),
    messageEn: custom?.[1] ?? render(enLocale, withInput),
  };
}
