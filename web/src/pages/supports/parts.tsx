import { useQuery } from '@tanstack/react-query';
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatYuan, STATUS_COLORS, type Support, type SupportDetail, supportsApi, SUPPORTS_KEY } from '../../api/supports';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';

/** The record's query: by its own id, or by its disclosure submission's (`?by=submission`, the links of the review queue and notices). */
export function useSupport(id: string, bySubmission = false) {
  return useQuery({ queryKey: [SUPPORTS_KEY, bySubmission ? 'submission' : 'record', id], queryFn: () => (bySubmission ? supportsApi.ofSubmission(id) : supportsApi.get(id)) });
}

export function SupportStatusTag({ status }: { status: Support['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="support-status">
      {t(`supports.status.${status}`)}
    </Tag>
  );
}

const numbers = (nos: string[]) => (nos.length ? nos.map((n) => <Tag key={n}>{n}</Tag>) : '—');

/**
 * What a support is: its legal basis, beneficiary, space, project, period, cost basis and amount —
 * the record page shows it, and so does the stage work page of its disclosure for the reviewer who
 * checks it against the invoices and contracts.
 */
export function SupportFacts({ s }: { s: SupportDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered data-testid="support-facts">
      <Descriptions.Item label={t('supports.field.grantor')}>{s.grantor.name}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.category')}>{t(`policies.category.${s.category}`)}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.policy')} span={2}>
        {s.policy ? (
          <Link to={`/portal/policies/${s.policy.id}`} target="_blank">
            {s.policy.title}
            {s.policy.docNo && `（${s.policy.docNo}）`}
          </Link>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('supports.field.item')} span={2}>
        {s.supportItem?.title ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('supports.field.beneficiary')}>
        <Space size={4} wrap>
          {s.beneficiary.name}
          <Tag>{t(`supports.role.${s.beneficiary.role}`)}</Tag>
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('supports.field.uscc')}>
        <Typography.Text copyable>{s.beneficiary.uscc}</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('supports.field.space')}>{`${s.space.name}（${s.space.regionName}）`}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.project')}>
        {s.projectTitle}
        {s.projectCode && <Typography.Text type="secondary">{` ${s.projectCode}`}</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={t('supports.field.period')}>{`${s.periodFrom} ~ ${s.periodTo}`}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.areaMonths')}>{s.areaM2 != null && s.months != null ? t('supports.areaMonths', { area: s.areaM2, months: s.months }) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.invoices')}>{numbers(s.invoiceNos)}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.contracts')}>{numbers(s.contractNos)}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.amount')}>
        <span data-testid="support-amount-text">{formatYuan(s.amountYuan)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('supports.field.grantedOn')}>{s.grantedOn}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.payment')}>{t(`supports.payment.${s.paymentState}`)}</Descriptions.Item>
      <Descriptions.Item label={t('supports.field.publishedAt')}>{formatDateTime(s.publishedAt ? String(s.publishedAt) : null)}</Descriptions.Item>
    </Descriptions>
  );
}

/** The material of a disclosure at its stage work: the support the submission carries, and a link to its record. */
export function SupportMaterial({ submissionId }: { submissionId: string }) {
  const query = useSupport(submissionId, true);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;
  const s = query.data;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Space wrap>
        <Link to={`/app/supports/${s.id}`} data-testid="support-record-link">
          {s.projectTitle}
        </Link>
        <SupportStatusTag status={s.status} />
      </Space>
      <SupportFacts s={s} />
    </Space>
  );
}
