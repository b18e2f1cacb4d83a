import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type PolicySummary, VALIDITY_COLORS } from '../../api/policies';

/** The tags of a policy in a list: kind (for an interpretation), level and validity. */
export function PolicyTags({ p }: { p: Pick<PolicySummary, 'kind' | 'level' | 'validity'> }) {
  const { t } = useTranslation();
  return (
    <>
      {p.kind === 'interpretation' && <Tag color="purple">{t('policies.kind.interpretation')}</Tag>}
      <Tag>{t(`policies.level.${p.level}`)}</Tag>
      <Tag color={VALIDITY_COLORS[p.validity]} data-testid="policy-validity">
        {t(`policies.validity.${p.validity}`)}
      </Tag>
    </>
  );
}

/** "国务院办公厅 · 国办发〔2016〕7号 · 2016-02-18": who issued it, its number and day. */
export function issuedLine(p: Pick<PolicySummary, 'issuer' | 'docNo' | 'issuedOn' | 'writtenOn'>) {
  return [p.issuer, p.docNo, p.issuedOn ?? p.writtenOn].filter(Boolean).join(' · ');
}
