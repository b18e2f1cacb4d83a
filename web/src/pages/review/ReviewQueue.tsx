import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { PAGE_OF_KIND, type QueueItem, type QueueQuery, type QueueStage, reviewApi, reviewKeys, type StageKind, useReviewQueue } from '../../api/review';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';
import { QueryError } from '../../components/QueryError';
import { sortChanged, sortFromTable, type TableSort, withSortOrder } from '../../components/tableSort';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ApplicationStatusTag } from '../applications/parts';
import { ChecklistFields, checklistFromForm, type ChecklistFormValues } from './parts';

const ALL = 'all';
type QueueSortKey = NonNullable<QueueQuery['sort']>;
const QUEUE_STATUSES = ['submitted', 'in_review', 'returned', 'in_public_notice'] as const;

/** 审核待办: the applications at the stages the user works, soonest due first, with bulk pass. */
export default function ReviewQueue() {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  // The workbench links a stage's to-do here with its call and stage picked.
  const [params] = useSearchParams();
  const [stageKey, setStageKey] = useState(params.get('stageKey') ?? ALL);
  const [filters, setFilters] = useState<Pick<QueueQuery, 'q' | 'status' | 'callId'>>(() => ({ callId: params.get('callId') ?? undefined }));
  const [sort, setSort] = useState<TableSort<QueueSortKey>>({});
  const me = useCurrentUser();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<QueueItem[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const query = useReviewQueue({ ...paging, ...filters, ...sort, stageKey: stageKey === ALL ? undefined : stageKey });
  const data = query.data;
  const stageName = (s: { name: string; nameEn: string }) => (en ? s.nameEn : s.name);
  const selectedStage = data?.stages.find((s) => s.key === stageKey);
  // Bulk pass works one review stage of one call: selection is offered only then.
  const bulkKind = selectedStage && (['review', 'expert'] as StageKind[]).includes(selectedStage.kind);

  // A notice is published by the authority's admin: a reviewer reads the material on the stage work
  // page, which says who acts, instead of landing on a notices page where they can do nothing.
  const noticeReadOnly = (r: QueueItem) => r.stage.kind === 'notice' && !can(me, 'notice.publish');
  const workPage = (r: QueueItem) => (noticeReadOnly(r) ? `/app/review/${r.id}` : PAGE_OF_KIND[r.stage.kind](r.id));

  const changeStage = (key: string) => {
    setStageKey(key);
    setSelected([]);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  return (
    <Card title={t('review.queue.title')}>
      <Tabs
        activeKey={stageKey}
        onChange={changeStage}
        items={[{ key: ALL, label: t('common.all') }, ...(data?.stages ?? []).map((s) => ({ key: s.key, label: `${stageName(s)} · ${t(`review.kind.${s.kind}`)}` }))]}
      />
      <Flex justify="space-between" gap={16} wrap style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          name="review-queue-filters"
          initialValues={filters}
          style={{ rowGap: 8 }}
          onFinish={(v: Pick<QueueQuery, 'q' | 'status' | 'callId'>) => {
            setFilters({ q: v.q?.trim() || undefined, status: v.status || undefined, callId: v.callId || undefined });
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Form.Item name="q">
            <Input allowClear placeholder={t('review.queue.search')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="status">
            <Select allowClear placeholder={t('review.queue.status')} style={{ width: 140 }} options={QUEUE_STATUSES.map((s) => ({ value: s, label: t(`applications.status.${s}`) }))} />
          </Form.Item>
          <Form.Item name="callId">
            <Select allowClear placeholder={t('review.queue.call')} style={{ width: 260 }} options={(data?.calls ?? []).map((c) => ({ value: c.id, label: c.title }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
        {bulkKind && (
          <Button type="primary" data-testid="bulk-pass" disabled={!selected.length || new Set(selected.map((s) => s.call.id)).size > 1} onClick={() => setBulkOpen(true)}>
            {t('review.bulk.button', { count: selected.length })}
          </Button>
        )}
      </Flex>
      {bulkKind && new Set(selected.map((s) => s.call.id)).size > 1 && <Alert type="warning" showIcon title={t('review.bulk.oneCall')} style={{ marginBottom: 12 }} />}
      {query.isError && !data ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<QueueItem>
          rowKey="id"
          dataSource={data?.items}
          loading={query.isFetching}
          tableLayout="fixed"
          // Below this the table scrolls inside itself, the state and the actions staying in view.
          scroll={{ x: 980 }}
          size="middle"
          rowSelection={
            bulkKind
              ? {
                  selectedRowKeys: selected.map((s) => s.id),
                  onChange: (_, rows) => setSelected(rows),
                  getCheckboxProps: (r) => ({ disabled: r.status === 'returned' || r.status === 'in_public_notice' }),
                }
              : undefined
          }
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.queue.empty')} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(p, _filters, sorter) => {
            const next = sortFromTable<QueueItem, QueueSortKey>(sorter);
            setSort(next);
            setPaging({ page: sortChanged(next, sort) ? 1 : (p.current ?? 1), pageSize: p.pageSize ?? 20 });
          }}
          columns={withSortOrder<QueueItem>([
            {
              // The operator under the space's name: one column less, so every column fits at 1366 px.
              title: t('review.space'),
              key: 'space',
              ellipsis: { showTitle: false },
              sorter: true,
              render: (_, r) => (
                <Tooltip title={`${r.space.name}（${r.operator.name}）`} placement="topLeft">
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Link to={workPage(r)} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {r.space.name}
                    </Link>
                    <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
                      {r.operator.name}
                    </Typography.Text>
                  </Flex>
                </Tooltip>
              ),
            },
            {
              title: t('review.call'),
              key: 'call',
              ellipsis: { showTitle: false },
              render: (_, r) => (
                <Tooltip title={r.call.title} placement="topLeft">
                  {r.call.title}
                </Tooltip>
              ),
            },
            {
              title: t('review.stage'),
              key: 'stage',
              width: 130,
              ellipsis: true,
              render: (_, r) => (
                <Space size={4}>
                  {stageName(r.stage)}
                  <Tag>{t(`review.kind.${r.stage.kind}`)}</Tag>
                </Space>
              ),
            },
            {
              title: t('review.dueAt'),
              key: 'dueAt',
              width: 150,
              sorter: true,
              render: (_, r) => (
                <Space size={4} wrap>
                  {formatDateTime(r.stage.dueAt)}
                  {r.stage.overdue && (
                    <Tag color="red" data-testid="overdue">
                      {t('review.overdue')}
                    </Tag>
                  )}
                </Space>
              ),
            },
            { title: t('review.round'), key: 'round', dataIndex: 'round', width: 100, align: 'center', sorter: true },
            { title: t('review.evaluation'), key: 'evaluation', width: 96, render: (_, r) => (r.evaluationOverall ? t(`review.overall.${r.evaluationOverall}`, { defaultValue: r.evaluationOverall }) : '—') },
            { title: t('review.statusLabel'), key: 'status', width: 100, fixed: 'right', sorter: true, render: (_, r) => <ApplicationStatusTag status={r.status} /> },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 120,
              fixed: 'right',
              render: (_, r) => (
                <Space size={4} wrap>
                  <Link to={workPage(r)}>{noticeReadOnly(r) ? t('reviewSplit.queue.view') : t(`review.open.${r.stage.kind}`)}</Link>
                  {/* Expert stages are scored on their own page and passed on the stage work page. */}
                  {r.stage.kind === 'expert' && <Link to={`/app/review/${r.id}`}>{t('review.open.review')}</Link>}
                </Space>
              ),
            },
          ], sort)}
        />
      )}
      {bulkOpen && selectedStage && (
        <BulkPassModal
          stage={selectedStage}
          items={selected}
          onClose={(done) => {
            setBulkOpen(false);
            if (done) setSelected([]);
          }}
        />
      )}
    </Card>
  );
}

/**
 * Bulk pass: the checklist is filled once, then a confirmation lists the count and every application
 * before anything is committed (DESIGN §4 "bulk actions show count and ids before they commit").
 */
function BulkPassModal({ stage, items, onClose }: { stage: QueueStage; items: QueueItem[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChecklistFormValues & { note: string }>();
  const [confirming, setConfirming] = useState<(ChecklistFormValues & { note: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function commit() {
    if (!confirming) return;
    setBusy(true);
    setError(null);
    try {
      const result = await reviewApi.bulkPass({
        stageKey: stage.key,
        callId: items[0]!.call.id,
        applicationIds: items.map((i) => i.id),
        expectedCount: items.length,
        checklist: checklistFromForm(confirming),
        note: confirming.note,
      });
      message.success(t('review.bulk.done', { count: result.passed }));
      await queryClient.invalidateQueries({ queryKey: reviewKeys.queue });
      onClose(true);
    } catch (err) {
      setError(err);
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={720}
      title={t('review.bulk.title', { stage: stage.name })}
      onCancel={() => onClose(false)}
      footer={
        confirming ? (
          <Space>
            <Button onClick={() => setConfirming(null)}>{t('review.bulk.back')}</Button>
            <Button type="primary" loading={busy} data-testid="bulk-pass-confirm" onClick={() => void commit()}>
              {t('review.bulk.confirm', { count: items.length })}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={() => onClose(false)}>{t('common.cancel')}</Button>
            <Button type="primary" data-testid="bulk-pass-next" onClick={() => void form.validateFields().then((v) => setConfirming(v), () => undefined /* the form shows what is missing */)}>
              {t('review.bulk.next')}
            </Button>
          </Space>
        )
      }
    >
      {error != null && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} />}
      {confirming ? (
        <>
          <Typography.Paragraph strong data-testid="bulk-pass-count">
            {t('review.bulk.confirmText', { count: items.length, stage: stage.name })}
          </Typography.Paragraph>
          <Table<QueueItem>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ y: 320 }}
            dataSource={items}
            data-testid="bulk-pass-list"
            columns={[
              { title: t('review.space'), key: 'space', render: (_, i) => i.space.name },
              { title: t('review.bulk.id'), dataIndex: 'id', render: (id: string) => <Typography.Text copyable>{id}</Typography.Text> },
            ]}
          />
        </>
      ) : (
        <Form form={form} layout="vertical" name="bulk-pass">
          <Typography.Paragraph type="secondary">{t('review.bulk.hint', { count: items.length })}</Typography.Paragraph>
          <ChecklistFields items={stage.checklist} problemAllowed={false} />
          <Form.Item name="note" label={t('review.note')} rules={[{ required: true, min: 2, message: t('review.noteRequired') }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
