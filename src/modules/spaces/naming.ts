/** The fixed ending of a professional space's name (001 §三.1: "XXX专业化众创空间"). */
export const PROFESSIONAL_SUFFIX = '专业化众创空间';

export const PROFESSIONAL_NAME_RULE = {
  zh: '专业化众创空间名称须规范为“XXX专业化众创空间”（XXX 为空间所服务的专业细分领域）',
  en: 'A professional maker space must be named "XXX专业化众创空间", XXX being the specialised field it serves',
};

/**
 * True when `name` (already trimmed) may name a space of `category`: a professional space's name
 * ends with 专业化众创空间 and has its field before it; regular spaces are free.
 */
export function isValidSpaceName(name: string, category: 'regular' | 'professional'): boolean {
  if (category === 'regular') return true;
  if (!name.endsWith(PROFESSIONAL_SUFFIX)) return false;
  return name.slice(0, -PROFESSIONAL_SUFFIX.length).trim().length > 0;
}
