import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { changesApi, type ChangeSummary } from '../../api/changes';
import { registryApi } from '../../api/registry';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { formatDateTime } from '../../lib/format';
import { ChangeFlags, ChangeStatusTag } from './parts';

type Filters = { status?: ChangeSummary['status']; flag?: 'late' | 'overdue' };

const STATES: ChangeSummary['status'][] = ['draft', 'submitted', 'in_review', 'returned', 'filed', 'rejected'];

/** The operator picks one of its spaces for a new report (only a filed one is accepted; the server says so by name). */
function NewReport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [spaceId, setSpaceId] = useState<string>();
  const spaces = useQuery({ queryKey: ['spaces', 'mine'], queryFn: () => registryApi.spaces({ page: 1, pageSize: 100 }), enabled: open });
  const create = useAction(changesApi.create, [['change-reports']], () => t('changes.created'));
  return (
    <Modal
      open={open}
      title={t('changes.new')}
      okText={t('changes.createDraft')}
      okButtonProps={{ disabled: !spaceId, loading: create.isPending }}
      onCancel={onClose}
      onOk={() => create.mutate(spaceId!, { onSuccess: (r) => navigate(`/app/changes/${r.id}`) })}
    >
      <Form layout="vertical">
        <Form.Item label={t('changes.space')} extra={t('changes.filedOnly')}>
          <Select value={spaceId} onChange={setSpaceId} loading={spaces.isLoading} options={spaces.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 变更报告: the operator's reports of its filed spaces' changes; an authority's list within its jurisdiction. */
export default function Changes() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [creating, setCreating] = useState(false);
  return (
    <Card
      title={t('changes.title')}
      extra={
        can(me, 'change.create') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="new-change">
            {t('changes.new')}
          </Button>
        )
      }
    >
      <PagedTable<ChangeSummary, Filters>
        queryKey="change-reports"
        list={(q) => changesApi.list({ sort: 'dueOn', order: 'asc', ...q })}
        // Filters, page and sort live in the address: the workbench links here with ?late=true or ?overdue=true.
        inUrl={{
          keys: ['status', 'late', 'overdue'],
          toParams: (v) => ({ status: v.status, late: v.flag === 'late' ? 'true' : undefined, overdue: v.flag === 'overdue' ? 'true' : undefined }),
          fromParams: (p) => ({ status: p.status as Filters['status'], flag: p.late === 'true' ? 'late' : p.overdue === 'true' ? 'overdue' : undefined }),
        }}
        rowKey="id"
        emptyText={can(me, 'change.create') ? t('changes.emptyOperator') : t('changes.emptyAuthority')}
        filters={
          <>
            <Form.Item name="status" label={t('changes.statusLabel')}>
              <Select allowClear style={{ width: 140 }} options={STATES.map((s) => ({ value: s, label: t(`changes.status.${s}`) }))} />
            </Form.Item>
            <Form.Item name="flag" label={t('changes.flag')}>
              <Select
                allowClear
                style={{ width: 160 }}
                options={[
                  { value: 'late', label: t('changes.late') },
                  { value: 'overdue', label: t('changes.overdue') },
                ]}
              />
            </Form.Item>
          </>
        }
        toQuery={(v) => ({ status: v.status, late: v.flag === 'late' ? 'true' : undefined, overdue: v.flag === 'overdue' ? 'true' : undefined })}
        columns={[
          { title: t('changes.space'), key: 'space', render: (_, r) => <Link to={`/app/changes/${r.id}`}>{r.space.name}</Link> },
          { title: t('changes.region'), key: 'region', render: (_, r) => r.space.regionName },
          { title: t('changes.fields'), key: 'fields', render: (_, r) => r.fields.map((f) => t(`changes.field.${f}`)).join(t('common.separator')) },
          { title: t('changes.effectiveOn'), dataIndex: 'effectiveOn' },
          { title: t('changes.dueOn'), dataIndex: 'dueOn' },
          {
            title: t('changes.statusLabel'),
            key: 'status',
            render: (_, r) => (
              <>
                <ChangeStatusTag status={r.status} />
                <ChangeFlags late={r.late} overdue={r.overdue} />
              </>
            ),
          },
          { title: t('changes.submittedAt'), dataIndex: 'submittedAt', render: formatDateTime },
        ]}
      />
      <NewReport open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
