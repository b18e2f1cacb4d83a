import { readdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './helpers';

type Tree = { [k: string]: string | Tree };

const LOCALES = new URL('../web/src/i18n/locales/', import.meta.url);

/** The messages of one language as the web app loads them: one file per namespace. */
function load(lang: string): Tree {
  const dir = new URL(`${lang}/`, LOCALES);
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Tree]),
  );
}

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`)));
}

const zhCN = entries(load('zh-CN'));
const enUS = entries(load('en-US'));

// No browser needed: a key missing in one language would show the raw key (or the Chinese fallback) to English readers.
test('both languages have the same message keys', () => {
  expect(enUS.map(([k]) => k).sort()).toEqual(zhCN.map(([k]) => k).sort());
});

/**
 * Latin words a Chinese reader meets as they are written: file formats, products, protocols and the
 * 'XXX' of a naming rule. Identifiers and paths (with _ . / or -) are examples of what to type.
 */
const LATIN_IN_CHINESE = new Set(['Word', 'Excel', 'ZIP', 'PDF', 'CSV', 'JSON', 'GeoJSON', 'MB', 'JPG', 'PNG', 'HTTP', 'SMTP', 'IP', 'XXX', 'Microsoft', 'Google', 'Authenticator', 'otpauth', 'npx', 'hatchery', 'user', 'create', 'TOTP', 'USCC', 'OK']);

test('the Chinese texts have no English words', () => {
  const english = zhCN.flatMap(([key, text]) =>
    text
      .replace(/\{\{[^}]*\}\}|<[^>]*>/g, ' ')
      .split(/[^A-Za-z0-9_./-]+/)
      .filter((word) => /^[A-Za-z]{2,}$/.test(word) && !LATIN_IN_CHINESE.has(word))
      .map((word) => `${key}: ${word}`),
  );
  expect(english).toEqual([]);
});

/** English hints that quote a Chinese document number or naming rule the user must type as written. */
const QUOTES_CHINESE = /^(recommendations\.letterNumberHint|spaces\.nameRule|decisions\.documentNumber(Hint|Invalid)|criteria\.[\w.]*(clauseHint|exampleHint))$/;

test('the English texts have no Chinese outside quoted document numbers', () => {
  const chinese = enUS.filter(([key, text]) => /[\u4e00-\u9fff]/.test(text) && !QUOTES_CHINESE.test(key)).map(([key]) => key);
  expect(chinese).toEqual([]);
});
