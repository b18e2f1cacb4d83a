import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Tabs, Tag, Tooltip, Upload } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { registryApi } from '../../api/registry';
import { INCUBATEE_STATUSES, type Incubatee, rosterApi, rosterKeys, type RosterQuery } from '../../api/roster';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { ImportErrorTable, importProblemsOf } from '../../components/ImportErrors';
import { PagedTable } from '../../components/PagedTable';
import { RevealButton } from '../../components/RevealButton';
import { ChainTab } from './ChainTab';
import { IncubateeDrawer } from './IncubateeDrawer';
import { FinancingModal, StatusModal } from './RowActions';
import { SurvivalTab } from './SurvivalTab';

/** An incubatee's founders and contact under its row; a masked contact can be seen in full for a stated reason (audited). */
function IncubateeDetails({ r }: { r: Incubatee }) {
  const { t } = useTranslation();
  const contact = (field: 'contactName' | 'contactMobile') => (
    <Space size={4}>
      {r[field] ?? '—'}
      {r.personalDataMasked && r[field] && <RevealButton reveal={rosterApi.revealPersonal(r.id)} field={field} label={t(`roster.form.${field}`)} />}
    </Space>
  );
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="incubatee-details">
      <Descriptions.Item label={t('roster.form.contactName')}>{contact('contactName')}</Descriptions.Item>
      <Descriptions.Item label={t('roster.form.contactMobile')}>{contact('contactMobile')}</Descriptions.Item>
      <Descriptions.Item label={t('roster.form.subField')}>{r.subField ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('roster.form.founderTypes')}>{r.founderTypes.map((f) => t(`roster.founders.${f}`)).join('、') || '—'}</Descriptions.Item>
    </Descriptions>
  );
}

export const STATUS_COLORS: Record<Incubatee['status'], string> = { resident: 'blue', graduated: 'green', exited: 'default', moved: 'purple', deregistered: 'red' };

type Filters = Omit<RosterQuery, 'page' | 'pageSize'>;

const FILTER_KEYS = ['spaceId', 'status', 'entryYear', 'q'] as const;

/** The filter bar's values from the address (a link or a reload shows the same roster). */
const filtersOf = (p: Record<string, string>): Filters => ({
  spaceId: p.spaceId || undefined,
  status: (p.status || undefined) as Filters['status'],
  entryYear: Number(p.entryYear) || undefined,
  q: p.q || undefined,
});

/**
 * 在孵企业: an operator keeps its spaces' rosters (register, edit, status, financing, import and
 * export), an authority reads its jurisdiction's read-only with contacts masked; both see the
 * survival cohorts with their formula, and the incubation chain.
 */
export default function Roster() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const editor = can(me, 'roster.edit');
  const spaces = useQuery({ queryKey: ['roster-spaces'], queryFn: () => registryApi.spaces({ pageSize: 100 }) });
  const spaceOptions = (spaces.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const [search] = useSearchParams();
  const filters = filtersOf(Object.fromEntries(FILTER_KEYS.flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : []))));
  // The space an operator registers and imports into: the filtered one, or its only space.
  const targetSpace = filters.spaceId ?? (spaceOptions.length === 1 ? spaceOptions[0]!.value : undefined);
  const [drawer, setDrawer] = useState<{ editing?: Incubatee } | null>(null);
  const [statusRow, setStatusRow] = useState<Incubatee>();
  const [financingRow, setFinancingRow] = useState<Incubatee>();

  const importFile = async (file: File) => {
    if (!targetSpace) return void message.warning(t('roster.chooseSpace'));
    try {
      const { created } = await rosterApi.import(targetSpace, file);
      message.success(t('roster.imported', { count: created }));
      await queryClient.invalidateQueries({ queryKey: [rosterKeys.list] });
      await queryClient.invalidateQueries({ queryKey: [rosterKeys.survival] });
    } catch (err) {
      const problems = importProblemsOf(err);
      modal.error({ title: t('roster.importFailed'), width: 640, content: problems ? <ImportErrorTable problems={problems} /> : errorMessage(err) });
    }
  };

  const list = (
    <PagedTable<Incubatee, Filters>
      queryKey={rosterKeys.list}
      list={rosterApi.list}
      inUrl={{
        keys: FILTER_KEYS,
        toParams: (v) => ({ spaceId: v.spaceId || undefined, status: v.status || undefined, entryYear: v.entryYear ? String(v.entryYear) : undefined, q: v.q?.trim() || undefined }),
        fromParams: filtersOf,
      }}
      rowKey="id"
      expandable={{ expandedRowRender: (r) => <IncubateeDetails r={r} /> }}
      emptyText={editor ? t('roster.empty') : t('roster.emptyAuthority')}
      filters={
        <>
          <Form.Item name="spaceId">
            <Select allowClear placeholder={t('roster.allSpaces')} options={spaceOptions} style={{ width: 240 }} data-testid="roster-space" />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('roster.status')} style={{ width: 120 }} options={INCUBATEE_STATUSES.map((s) => ({ value: s, label: t(`roster.statuses.${s}`) }))} />
          </Form.Item>
          <Form.Item name="entryYear">
            <InputNumber placeholder={t('roster.entryYear')} min={1990} max={2100} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('roster.search')} style={{ width: 220 }} />
          </Form.Item>
        </>
      }
      toQuery={(v) => ({ spaceId: v.spaceId, status: v.status, entryYear: v.entryYear, q: v.q })}
      toolbar={
        <Space>
          <Button icon={<DownloadOutlined />} href={rosterApi.exportUrl(filters)} data-testid="roster-export">
            {t('roster.export')}
          </Button>
          {editor && (
            <>
              <Tooltip title={t('roster.importHint')}>
                <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => (void importFile(f), false)}>
                  <Button icon={<UploadOutlined />} disabled={!targetSpace} data-testid="roster-import">
                    {t('roster.import')}
                  </Button>
                </Upload>
              </Tooltip>
              <Button type="primary" icon={<PlusOutlined />} disabled={!targetSpace} onClick={() => setDrawer({})} data-testid="roster-add">
                {t('roster.add')}
              </Button>
            </>
          )}
        </Space>
      }
      columns={[
        {
          title: t('roster.col.name'),
          dataIndex: 'name',
          // The host incubator's own incubatees are marked: outside the space's evaluation scope (003 第十条).
          render: (v: string, r) => (
            <>
              {r.personalDataMasked ? <Tooltip title={t('roster.masked')}>{v}</Tooltip> : v}
              {r.hostIncubatee && (
                <Tooltip title={t('roster.form.hostIncubateeHelp')}>
                  <Tag style={{ marginInlineStart: 8 }}>{t('roster.hostIncubateeTag')}</Tag>
                </Tooltip>
              )}
            </>
          ),
        },
        { title: t('roster.col.kind'), dataIndex: 'kind', render: (k: Incubatee['kind']) => t(`roster.kinds.${k}`) },
        { title: t('roster.col.uscc'), dataIndex: 'uscc', render: (v: string | null) => v ?? '—' },
        { title: t('roster.col.space'), dataIndex: 'spaceName' },
        { title: t('roster.col.entryDate'), dataIndex: 'entryDate' },
        {
          title: t('roster.col.status'),
          dataIndex: 'status',
          render: (s: Incubatee['status'], r) => (
            <Space size={4}>
              <Tag color={STATUS_COLORS[s]}>{t(`roster.statuses.${s}`)}</Tag>
              {s !== 'resident' && r.statusDate}
            </Space>
          ),
        },
        { title: t('roster.col.jobs'), dataIndex: 'jobs', align: 'right' },
        { title: t('roster.col.investment'), dataIndex: 'investmentYuan', align: 'right', render: (v: number) => (v / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) },
        {
          title: t('roster.col.actions'),
          key: 'actions',
          render: (_: unknown, r) => (
            <Space size={4}>
              {r.canEdit && (
                <Button size="small" onClick={() => setDrawer({ editing: r })}>
                  {t('roster.edit')}
                </Button>
              )}
              {r.canEdit && r.status !== 'deregistered' && (
                <Button size="small" onClick={() => setStatusRow(r)}>
                  {t('roster.statusChange.open')}
                </Button>
              )}
              <Button size="small" onClick={() => setFinancingRow(r)}>
                {t('roster.financing.open')}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <Card title={t('roster.title')}>
      {spaces.isError && <Alert type="error" showIcon title={errorMessage(spaces.error)} style={{ marginBottom: 12 }} />}
      <Tabs
        items={[
          { key: 'list', label: t('roster.tabs.list'), children: list },
          { key: 'survival', label: t('roster.tabs.survival'), children: <SurvivalTab spaceOptions={spaceOptions} /> },
          { key: 'chain', label: t('roster.tabs.chain'), children: <ChainTab spaceOptions={spaceOptions} /> },
        ]}
      />
      <IncubateeDrawer open={!!drawer} spaceId={targetSpace} editing={drawer?.editing} onClose={() => setDrawer(null)} />
      {statusRow && <StatusModal row={statusRow} onClose={() => setStatusRow(undefined)} />}
      {financingRow && <FinancingModal row={financingRow} onClose={() => setFinancingRow(undefined)} />}
    </Card>
  );
}
