import { Card, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { revocationApi, revocationKeys, type Proposal } from '../../api/revocation';
import { PagedTable } from '../../components/PagedTable';
import { formatDateTime } from '../../lib/format';
import { ProposalStatusTag } from './parts';

type Filters = { status?: Proposal['status']; ground?: Proposal['ground'] };
const STATUSES: Proposal['status'][] = ['pending', 'in_review', 'revoked', 'dismissed'];
const GROUNDS: Proposal['ground'][] = ['two_failing_years', 'two_missed_returns', 'fraud'];

/** 撤销建议: the jurisdiction's revocation proposals, raised by the rules, with their ground and state. */
export default function Proposals() {
  const { t } = useTranslation();
  return (
    <Card title={t('revocation.title')}>
      <PagedTable<Proposal, Filters>
        queryKey={revocationKeys.list}
        list={(q) => revocationApi.list(q)}
        // The workbench links here with ?status=pending.
        inUrl={{ keys: ['status', 'ground'], toParams: (v) => ({ status: v.status, ground: v.ground }), fromParams: (p) => ({ status: p.status as Filters['status'], ground: p.ground as Filters['ground'] }) }}
        rowKey="id"
        emptyText={t('revocation.empty')}
        filters={
          <>
            <Form.Item name="ground" label={t('revocation.ground')}>
              <Select allowClear style={{ width: 200 }} options={GROUNDS.map((g) => ({ value: g, label: t(`revocation.grounds.${g}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={t('revocation.statusLabel')}>
              <Select allowClear style={{ width: 160 }} options={STATUSES.map((s) => ({ value: s, label: t(`revocation.status.${s}`) }))} />
            </Form.Item>
          </>
        }
        toQuery={(v) => ({ status: v.status, ground: v.ground })}
        columns={[
          { title: t('revocation.space'), key: 'space', sorter: true, render: (_, r) => <Link to={`/app/revocations/${r.id}`}>{r.space.name}</Link> },
          { title: t('revocation.region'), key: 'region', sorter: true, render: (_, r) => r.space.regionName },
          { title: t('revocation.ground'), key: 'ground', sorter: true, render: (_, r) => t(`revocation.grounds.${r.ground}`) },
          { title: t('revocation.evidence'), key: 'evidence', render: (_, r) => r.evidence.summary },
          { title: t('revocation.statusLabel'), key: 'status', sorter: true, render: (_, r) => <ProposalStatusTag status={r.status} /> },
          { title: t('revocation.raisedAt'), key: 'raisedAt', sorter: true, render: (_, r) => formatDateTime(r.raisedAt) },
          { title: t('revocation.timeline'), key: 'timeline', render: (_, r) => <Link to={`/app/space-timeline/${r.space.id}`}>{t('revocation.timeline')}</Link> },
        ]}
      />
    </Card>
  );
}
