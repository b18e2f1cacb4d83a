import type { ChangeField } from './schema.ts';

/** The change kinds as the form, the dossier panel and the history name them. */
export const CHANGE_FIELD_NAMES: Record<ChangeField, { zh: string; en: string }> = {
  name: { zh: '名称', en: 'Name' },
  operator: { zh: '运营主体', en: 'Operator' },
  host: { zh: '依托单位', en: 'Host' },
  address_area: { zh: '地址/面积', en: 'Address / area' },
  principal: { zh: '负责人', en: 'Principal' },
  sub_field: { zh: '细分领域', en: 'Sub-field' },
  premises: { zh: '场地', en: 'Premises' },
  other: { zh: '其他', en: 'Other' },
};
