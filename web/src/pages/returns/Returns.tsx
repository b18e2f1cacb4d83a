import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Form, Input, Select, Space, Switch, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callsApi } from '../../api/calls';
import { RETURN_STATES, type MyReturn, type ReturnRound, type RoundBody, returnLinks, returnsApi } from '../../api/returns';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { CreateModal } from '../../components/CreateModal';
import { useAction } from '../../components/useAction';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, shanghaiInstant } from '../../lib/format';
import RoundFigures from './RoundFigures';

const ROUNDS_KEY = 'returns.rounds';
const SETTINGS_KEY = 'returns.settings';

/** A province's admin switches its optional monthly return on or off. */
function MonthlySwitch() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: [SETTINGS_KEY], queryFn: returnsApi.settings });
  const set = useAction((monthly: boolean) => returnsApi.setSettings({ monthly }), [[SETTINGS_KEY]], (r) => t(r.monthly ? 'returns.monthly.on' : 'returns.monthly.off'));
  if (!settings.data?.editable) return null;
  return (
    <Space>
      {t('returns.monthly.label')}
      <Switch checked={settings.data.monthly} loading={set.isPending} onChange={(v) => set.mutate(v)} />
    </Space>
  );
}
const STATE_COLORS: Record<string, string> = { draft: 'default', missed: 'red', submitted: 'blue', in_review: 'blue', returned: 'orange', filed: 'green', rejected: 'red' };

export function StateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{t(`returns.state.${state}`)}</Tag>;
}

/** The operator's returns of every round: state, due date, warnings it was handed in with. */
function MyReturns() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ['returns.mine'], queryFn: returnsApi.mine });
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <Card title={t('returns.mine.title')}>
      <Table<MyReturn>
        rowKey="id"
        loading={mine.isPending}
        dataSource={mine.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('returns.mine.empty') }}
        columns={[
          { title: t('returns.round'), render: (_, r) => <Link to={`/app/returns/${r.id}`}>{r.call.title}</Link> },
          { title: t('returns.space'), render: (_, r) => r.space.name },
          { title: t('returns.period'), dataIndex: 'period' },
          { title: t('returns.dueAt'), render: (_, r) => formatDateTime(r.call.dueAt) },
          { title: t('returns.status'), render: (_, r) => <StateTag state={r.state} /> },
          { title: t('returns.warnings'), dataIndex: 'warnings', render: (n: number) => (n ? <Tag color="gold">{t('returns.warningCount', { count: n })}</Tag> : '—') },
        ]}
      />
    </Card>
  );
}

function Progress({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const progress = useQuery({ queryKey: ['returns.progress', callId], queryFn: () => returnsApi.progress(callId) });
  return (
    <Table
      rowKey="regionCode"
      size="small"
      loading={progress.isPending}
      dataSource={progress.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('returns.region'), dataIndex: 'regionName' },
        ...RETURN_STATES.map((s) => ({ title: t(`returns.state.${s}`), render: (_: unknown, r: { counts: Record<string, number> }) => r.counts[s] ?? 0 })),
      ]}
    />
  );
}

interface RoundForm {
  cadence: RoundBody['cadence'];
  period: string;
  title?: string;
  dueAt: Dayjs;
  catalogueId: string;
  chainId: string;
}

function OpenRound({ open, onClose, level }: { open: boolean; onClose: () => void; level: 'city' | 'province' | 'national' }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RoundForm>();
  const catalogues = useQuery({ queryKey: ['returns.catalogues'], queryFn: returnsApi.catalogues, enabled: open });
  const chains = useQuery({ queryKey: ['chains.usable', 'annual_return', level], queryFn: () => callsApi.usableChains('annual_return', level), enabled: open });
  const settings = useQuery({ queryKey: [SETTINGS_KEY], queryFn: returnsApi.settings, enabled: open });
  // The monthly return is offered only where the province has switched it on.
  const cadences = (['annual', 'quarterly', 'monthly'] as const).filter((c) => c !== 'monthly' || settings.data?.monthly);
  return (
    <CreateModal<RoundForm>
      open={open}
      title={t('returns.open.title')}
      onClose={onClose}
      listKey={ROUNDS_KEY}
      form={form}
      initialValues={{ cadence: 'annual' }}
      submit={(v) => returnsApi.openRound({ cadence: v.cadence, period: v.period.trim(), title: v.title?.trim() || undefined, dueAt: shanghaiInstant(v.dueAt), catalogueId: v.catalogueId, chainId: v.chainId })}
    >
      <Form.Item name="cadence" label={t('returns.cadence')} rules={[{ required: true }]} extra={t('returns.open.cadenceHelp')}>
        <Select options={cadences.map((c) => ({ value: c, label: t(`returns.cadenceValue.${c}`) }))} />
      </Form.Item>
      <Form.Item name="period" label={t('returns.period')} rules={[{ required: true }]} extra={t('returns.open.periodHelp')}>
        <Input placeholder="2026" />
      </Form.Item>
      <Form.Item name="title" label={t('returns.open.name')}>
        <Input />
      </Form.Item>
      <Form.Item name="dueAt" label={t('returns.dueAt')} rules={[{ required: true }]}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item name="catalogueId" label={t('returns.catalogue')} rules={[{ required: true }]}>
        <Select loading={catalogues.isPending} options={(catalogues.data?.items ?? []).filter((c) => c.status === 'published').map((c) => ({ value: c.id, label: `${c.name}（v${c.version}）` }))} />
      </Form.Item>
      <Form.Item name="chainId" label={t('returns.chain')} rules={[{ required: true }]}>
        <Select loading={chains.isPending} options={(chains.data?.items ?? []).filter((c) => c.key.startsWith('annual_return')).map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
    </CreateModal>
  );
}

/** The authority's rounds: opened by it or in line with its jurisdiction, with progress by region. */
function Rounds() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [opening, setOpening] = useState(false);
  // A round pins a chain of the opening authority's own level (a county opens none).
  const level = (['city', 'province', 'national'] as const).find((l) => l === me.organisation.authorityLevel);
  const mayOpen = can(me, 'return.open_round') && level !== undefined;
  return (
    <Card title={t('returns.rounds.title')}>
      {mayOpen && level && <OpenRound open={opening} onClose={() => setOpening(false)} level={level} />}
      <PagedTable<ReturnRound>
        queryKey={ROUNDS_KEY}
        list={returnsApi.rounds}
        rowKey="id"
        emptyText={t('returns.rounds.empty')}
        toolbar={
          mayOpen ? (
            <Space>
              <MonthlySwitch />
              <Button type="primary" onClick={() => setOpening(true)}>
                {t('returns.open.button')}
              </Button>
            </Space>
          ) : undefined
        }
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Progress callId={r.id} />
              {(r.counts.filed ?? 0) > 0 && <RoundFigures callId={r.id} />}
            </Space>
          ),
        }}
        columns={[
          { title: t('returns.round'), dataIndex: 'title' },
          { title: t('returns.cadence'), dataIndex: 'cadence', render: (c: string) => t(`returns.cadenceValue.${c}`) },
          { title: t('returns.period'), dataIndex: 'period' },
          { title: t('returns.authority'), dataIndex: 'authorityName' },
          { title: t('returns.dueAt'), dataIndex: 'dueAt', render: formatDateTime },
          ...RETURN_STATES.map((s) => ({ title: t(`returns.state.${s}`), render: (_: unknown, r: ReturnRound) => r.counts[s] ?? 0 })),
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: ReturnRound) =>
              r.counts.filed ? (
                <a href={returnLinks.acceptedXlsx(r.id)} data-testid="round-accepted-xlsx">
                  {t('returns.rounds.acceptedXlsx')}
                </a>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 年度统计: operators file their returns; authorities open rounds and follow them (reviews go through the review queue). */
export default function Returns() {
  const me = useCurrentUser();
  return can(me, 'return.list_mine') ? <MyReturns /> : <Rounds />;
}
