/// <reference types="vite/client" />

/**
 * One file per namespace and language (`zh-CN/review.json` holds the `review.*` keys): each page's
 * texts sit beside each other, and work on two pages never edits the same file.
 */
type Messages = Record<string, unknown>;

function byNamespace(files: Record<string, Messages>): Messages {
  return Object.fromEntries(Object.entries(files).map(([path, messages]) => [path.replace(/^.*\/|\.json$/g, ''), messages]));
}

export const zhCN = byNamespace(import.meta.glob<Messages>('./zh-CN/*.json', { eager: true, import: 'default' }));
export const enUS = byNamespace(import.meta.glob<Messages>('./en-US/*.json', { eager: true, import: 'default' }));
