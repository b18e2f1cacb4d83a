import { expect, test } from '@playwright/test';
import enUS from '../web/src/i18n/locales/en-US.json' with { type: 'json' };
import zhCN from '../web/src/i18n/locales/zh-CN.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

// No browser needed: a key missing in one language would show the raw key (or the Chinese fallback) to English readers.
test('both languages have the same message keys', () => {
  expect(keys(enUS).sort()).toEqual(keys(zhCN).sort());
});
