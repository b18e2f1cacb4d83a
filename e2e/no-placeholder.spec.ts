import { readdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { test } from './helpers';

/**
 * A placeholder is never shipped (a menu item exists only when its page works): the built app the
 * browser tests run against (the web server builds it before they start) holds no "under
 * construction" text in either language.
 */
const PLACEHOLDER = /建设中|敬请期待|功能开发中|under construction|coming soon/i;

test('the built web app has no placeholder text', () => {
  const assets = new URL('../dist/web/assets/', import.meta.url);
  const scripts = readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  const found = scripts.filter((f) => PLACEHOLDER.test(readFileSync(new URL(f, assets), 'utf8')));
  expect(found).toEqual([]);
});
