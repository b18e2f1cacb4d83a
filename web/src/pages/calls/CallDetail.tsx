import { ArrowLeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Descriptions, Empty, Flex, Form, Segmented, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { ApplicationStatus } from '../../api/applications';
import { type CallApplications, callsApi, type ManagedCall } from '../../api/calls';
import { hrefOf, type QueryOf } from '../../api/client';
import { filesApi } from '../../api/files';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { sortFromTable, sortOfParams, withSortOrder } from '../../components/tableSort';
import { useFormErrors } from '../../components/useFormErrors';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ApplicationStatusTag } from '../applications/parts';
import { CallFields, type CallValues, chainOption, toBody, toValues } from './CallForm';
import { LIST_KEY, STATUS_COLOR, useCallAction } from './CallsAdmin';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';

type Row = CallApplications['items'][number];
const callKey = (id: string) => ['call', id] as const;

/**
 * A call's own page for the authority: what it is and its documents, its applications state by
 * state, and while it is a draft its form (documents uploaded from it); publish and cancel in the
 * header as the server allows them.
 */
export default function CallDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const actions = useCallAction();
  const query = useQuery({ queryKey: callKey(id), queryFn: () => callsApi.get(id) });
  const call = query.data;
  useBreadcrumbTitle(call?.title);
  const [tab, setTab] = useState<string>();
  if (query.isError && !call) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!call) return <PageSpinner />;
  const editable = call.abilities.edit && call.status === 'draft';
  const documentHref = (fileId: string) =>
    call.status === 'published' ? hrefOf('/api/public/calls/{id}/documents/{fileId}', { path: { id: call.id, fileId } }) : filesApi.downloadUrl(fileId);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('callDetail.back')} onClick={() => navigate('/app/calls-admin')} />
            <span data-testid="call-title">{call.title}</span>
            <Tag color={STATUS_COLOR[call.status]} data-testid="call-status">
              {t(`callsAdmin.status.${call.status}`)}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {call.abilities.cancel && call.status !== 'cancelled' && (
              <Button danger onClick={() => actions.cancel(call)}>
                {t('callsAdmin.cancel')}
              </Button>
            )}
            {call.abilities.publish && call.status === 'draft' && (
              <Button type="primary" onClick={() => actions.publish(call)}>
                {t('callsAdmin.publish')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('callsAdmin.level')}>{t(`calls.level.${call.level}`)}</Descriptions.Item>
          <Descriptions.Item label={t('calls.authority')}>{call.authority.name}</Descriptions.Item>
          <Descriptions.Item label={t('callDetail.region')}>{call.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('callsAdmin.window')}>
            {formatDateTime(call.opensAt)} – {formatDateTime(call.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('calls.ruleSet')}>{call.ruleSet ? `${call.ruleSet.title}（v${call.ruleSet.version ?? '—'}）` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('callsAdmin.chain')}>{call.chain ? chainOption(t, i18n.language, call.chain) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('calls.categories')}>{call.eligibleCategories.map((c) => t(`calls.category.${c}`)).join('、')}</Descriptions.Item>
          <Descriptions.Item label={t('callDetail.documents')} span={2}>
            {call.documents.length ? (
              <Flex gap={12} wrap>
                {call.documents.map((d) => (
                  <a key={d.id} href={documentHref(d.id)}>
                    <PaperClipOutlined /> {d.name}
                  </a>
                ))}
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('callDetail.noDocuments')}</Typography.Text>
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          // A draft opens on its form; once published (or the settings gone) on its applications.
          activeKey={editable ? (tab ?? 'settings') : 'applications'}
          onChange={setTab}
          items={[
            { key: 'applications', label: t('callDetail.tabs.applications'), children: <CallApplicationsList call={call} /> },
            ...(editable ? [{ key: 'settings', label: t('callDetail.tabs.settings'), children: <EditCall call={call} /> }] : []),
          ]}
        />
      </Card>
    </Space>
  );
}

/** The draft's form, saved with the revision read (a stale one answers 409 and keeps the input). */
function EditCall({ call }: { call: ManagedCall }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CallValues>();
  const errors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  async function save(values: CallValues) {
    setSaving(true);
    setSaved(false);
    errors.clear();
    try {
      const updated = await callsApi.update(call.id, { revision: call.revision, ...toBody(values) });
      queryClient.setQueryData(callKey(call.id), updated);
      await queryClient.invalidateQueries({ queryKey: [LIST_KEY] });
      setSaved(true);
    } catch (err) {
      errors.onError(err);
    } finally {
      setSaving(false);
    }
  }
  return (
    <Form form={form} name="call-edit" layout="vertical" initialValues={toValues(call)} onFinish={(v) => void save(v)} style={{ maxWidth: 960 }}>
      {errors.alert}
      <CallFields form={form} isNew={false} pinned={call.chain} documents={call.documents} />
      <Flex gap={12} align="center">
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('callDetail.save')}
        </Button>
        {saved && <Typography.Text type="success">{t('common.saved')}</Typography.Text>}
      </Flex>
    </Form>
  );
}

const ALL = 'all';

/** The call's applications: a count per state (each a filter) and the page of the chosen state; kept in the URL. */
function CallApplicationsList({ call }: { call: ManagedCall }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? ALL) as ApplicationStatus | typeof ALL;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sort = sortOfParams<NonNullable<QueryOf<'/api/calls/{id}/applications', 'get'>['sort']>>(params);
  const query = useQuery({
    queryKey: ['call-applications', call.id, status, page, pageSize, sort],
    queryFn: () => callsApi.applications(call.id, { page, pageSize, ...sort, ...(status === ALL ? {} : { status }) }),
    placeholderData: keepPreviousData,
  });
  const set = (next: Record<string, string | number>) =>
    setParams(
      (prev) => {
        const out = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(next)) {
          if (v === ALL || (k === 'page' && v === 1)) out.delete(k);
          else out.set(k, String(v));
        }
        return out;
      },
      { replace: true },
    );
  if (query.isError && !query.data) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const total = data?.counts.reduce((n, c) => n + c.count, 0) ?? 0;
  const zh = currentLanguage() !== 'en-US';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented
        data-testid="call-application-states"
        value={status}
        onChange={(v) => set({ status: v, page: 1 })}
        options={[
          { value: ALL, label: <Badge count={total} showZero color="blue" offset={[10, -2]}>{t('common.all')}</Badge> },
          ...(data?.counts ?? []).map((c) => ({
            value: c.status,
            label: (
              <span data-testid={`state-${c.status}`}>
                {t(`applications.status.${c.status}`)} <Typography.Text type="secondary">{t('callDetail.count', { count: c.count })}</Typography.Text>
              </span>
            ),
          })),
        ]}
        style={{ maxWidth: '100%', overflowX: 'auto' }}
      />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(call.status === 'draft' ? 'callDetail.emptyDraft' : 'callDetail.empty')} /> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('callDetail.total', { count: n }),
          onChange: (p, size) => set({ page: size === pageSize ? p : 1, pageSize: size }),
        }}
        onChange={(_p, _f, sorter, extra) => {
          // Paging is the pagination's own handler; a new sort starts again at the first page.
          if (extra.action !== 'sort') return;
          const next = sortFromTable<Row>(sorter);
          set({ sort: next.sort ?? ALL, order: next.order ?? ALL, page: 1 });
        }}
        columns={withSortOrder<Row>([
          {
            title: t('applications.space'),
            key: 'space',
            sorter: true,
            // A draft is the applicant's own work in progress: it is counted, not opened.
            render: (_, r) => (r.status === 'draft' ? r.space.name : <Link to={`/app/review/${r.id}`}>{r.space.name}</Link>),
          },
          { title: t('callDetail.operator'), dataIndex: 'operatorName' },
          { title: t('callDetail.region'), dataIndex: 'regionName' },
          { title: t('applications.statusLabel'), key: 'status', sorter: true, dataIndex: 'status', render: (s: Row['status']) => <ApplicationStatusTag status={s} /> },
          { title: t('callDetail.stage'), key: 'stage', render: (_, r) => (r.stage ? (zh ? r.stage.name : r.stage.nameEn) : '—') },
          { title: t('callDetail.round'), dataIndex: 'round', render: (n: number) => (n ? t('callDetail.roundN', { n }) : '—') },
          { title: t('applications.submittedAt'), key: 'submittedAt', sorter: true, dataIndex: 'submittedAt', render: formatDateTime },
          { title: t('applications.updatedAt'), key: 'updatedAt', sorter: true, dataIndex: 'updatedAt', render: formatDateTime },
        ], sort)}
      />
    </Space>
  );
}
