import { Alert, Checkbox, Form, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { financingApi, financingKeys, REQUEST_STATE_COLORS, type FinancingJurisdictionPage, type FinancingJurisdictionRow } from '../../api/financing';
import { PagedTable } from '../../components/PagedTable';

const wan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/**
 * 基金与投融资 of the authority's jurisdiction: per filed space its funds (万元), the year's
 * financing requests and investments, flagging spaces offering no financing service (000 §三.六).
 */
export default function FinancingJurisdiction({ year }: { year: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<FinancingJurisdictionPage>();
  return (
    <>
      {page && (
        <Alert
          type={page.totals.noService > 0 ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="financing-totals"
          title={t('financing.oversight.totals', { ...page.totals, fundSize: wan(page.totals.fundSizeWan), requested: wan(page.totals.requestedWan), invested: wan(page.totals.investedWan) })}
          description={
            <Space wrap>
              {page.byState.map((s) => (
                <Tag key={s.state} color={REQUEST_STATE_COLORS[s.state]}>{`${t(`financing.states.${s.state}`)} ${s.requests}`}</Tag>
              ))}
              {page.byRound.map((r) => (
                <Tag key={r.round}>{t('financing.oversight.round', { round: t(`financing.rounds.${r.round}`), n: r.requests, amount: wan(r.requestedWan) })}</Tag>
              ))}
            </Space>
          }
        />
      )}
      <PagedTable<FinancingJurisdictionRow, { noServiceOnly?: boolean }, FinancingJurisdictionPage, { year: number }>
        queryKey={financingKeys.jurisdiction}
        fixed={{ year }}
        list={financingApi.jurisdiction}
        onData={setPage}
        rowKey="spaceId"
        emptyText={t('financing.oversight.empty')}
        filters={
          <Form.Item name="noServiceOnly" valuePropName="checked">
            <Checkbox>{t('financing.oversight.noServiceOnly')}</Checkbox>
          </Form.Item>
        }
        toQuery={(v) => ({ noServiceOnly: v.noServiceOnly ? 'true' : undefined })}
        columns={[
          { title: t('financing.col.space'), key: 'spaceName', sorter: true, render: (_, r) => r.spaceName },
          { title: t('financing.oversight.col.region'), key: 'region', render: (_, r) => r.regionName },
          { title: t('financing.oversight.col.funds'), key: 'funds', align: 'right', render: (_, r) => r.funds },
          { title: t('financing.oversight.col.fundSize'), key: 'fundSize', sorter: true, align: 'right', render: (_, r) => wan(r.fundSizeWan) },
          { title: t('financing.oversight.col.ownFundSize'), key: 'ownFundSize', align: 'right', render: (_, r) => wan(r.ownFundSizeWan) },
          { title: t('financing.oversight.col.requests'), key: 'requests', sorter: true, align: 'right', render: (_, r) => r.requests },
          { title: t('financing.states.open'), key: 'open', align: 'right', render: (_, r) => r.open },
          { title: t('financing.states.funded'), key: 'funded', align: 'right', render: (_, r) => r.funded },
          { title: t('financing.oversight.col.requested'), key: 'requested', align: 'right', render: (_, r) => wan(r.requestedWan) },
          { title: t('financing.oversight.col.investments'), key: 'investments', sorter: true, align: 'right', render: (_, r) => r.investments },
          { title: t('financing.oversight.col.invested'), key: 'invested', sorter: true, align: 'right', render: (_, r) => wan(r.investedWan) },
          { title: t('financing.oversight.col.service'), key: 'service', render: (_, r) => (r.noService ? <Tag color="red">{t('financing.oversight.noService')}</Tag> : <Tag color="green">{t('financing.oversight.hasService')}</Tag>) },
        ]}
      />
    </>
  );
}
