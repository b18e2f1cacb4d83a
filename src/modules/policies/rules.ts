import { sanitizeHtml, type SanitizeOptions } from '../../shared/validation/html.ts';
import type { PolicyValidity } from './schema.ts';

/** Basic formatting only: paragraphs, emphasis, lists, small headings, quotes, tables. No attributes, links or images. */
const BODY_OPTIONS: SanitizeOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h3', 'h4', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: {},
  disallowedTagsMode: 'discard',
};

/** The body as the server stores it: nothing a browser would run. */
export const sanitiseBody = (html: string) => sanitizeHtml(html, BODY_OPTIONS).trim();

/** The body's plain text (for the search column). */
export const plainText = (html: string) =>
  sanitizeHtml(html.replace(/<\/(p|li|h3|h4|tr|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .trim();

/** Plain text (a seed document) as paragraphs of HTML, escaped. */
export const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`)
    .join('');

/**
 * The validity moves of a published policy: an effective one expires, is repealed, or (only by the
 * publication of the policy that revises it) is revised. The three ends are final.
 */
export const VALIDITY_MOVES: Readonly<Record<PolicyValidity, readonly PolicyValidity[]>> = {
  effective: ['expired', 'repealed', 'revised'],
  expired: [],
  repealed: [],
  revised: [],
};
export const canMoveValidity = (from: PolicyValidity, to: PolicyValidity) => VALIDITY_MOVES[from].includes(to);

/** Beijing's calendar day. */
