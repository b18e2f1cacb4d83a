import { DownloadOutlined, ThunderboltOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, type ButtonProps, Card, Descriptions, Empty, Flex, Form, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  type AutoAssignResult,
  expertKeys,
  expertsApi,
  type ResultRow,
  resultsXlsxUrl,
  STATE_COLOR,
  type StageApplication,
  type StageAssignment,
  useActivePool,
  useResults,
  useStageOverview,
} from '../../api/experts';
import { onlyStage, useStagesMine } from '../../api/stages';
import { useCurrentUser } from '../../app/currentUser';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { ScoreSheetEditor } from './ScoreSheetEditor';

const invalidate = [[expertKeys.stage], [expertKeys.results], [expertKeys.pool]];

/** Tags of an application's experts; an unscored one can be removed by the admin. */
function Assignments({ items, canAssign }: { items: StageAssignment[]; canAssign: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const remove = useAction((a: StageAssignment) => expertsApi.unassign(a.id), invalidate, (_, a) => t('experts.stage.removed', { name: a.expert.displayName }));
  if (!items.length) return <Typography.Text type="secondary">{t('experts.stage.none')}</Typography.Text>;
  return (
    <Flex gap={4} wrap>
      {items.map((a) => (
        <Tag
          key={a.id}
          color={STATE_COLOR[a.state]}
          title={a.declineReason ?? undefined}
          closable={canAssign && a.state !== 'submitted'}
          onClose={(e) => {
            e.preventDefault();
            modal.confirm({ title: t('experts.stage.removeConfirm', { name: a.expert.displayName }), onOk: () => remove.mutateAsync(a), okText: t('common.ok'), cancelText: t('common.cancel') });
          }}
        >
          {a.expert.displayName} · {t(`experts.state.${a.state}`)}
          {a.total !== null ? ` · ${a.total}` : ''}
        </Tag>
      ))}
    </Flex>
  );
}

function AssignModal({ app, stageKey, onClose }: { app: StageApplication | null; stageKey: string; onClose: () => void }) {
  const { t } = useTranslation();
  const pool = useActivePool();
  const [chosen, setChosen] = useState<string[]>([]);
  const assign = useAction(
    () => expertsApi.assign(app!.id, { stageKey, expertUserIds: chosen }),
    invalidate,
    () => t('experts.stage.assigned'),
  );
  const taken = new Set(app?.assignments.map((a) => a.expert.userId));
  return (
    <Modal
      open={!!app}
      title={t('experts.stage.assignTitle', { space: app?.space.name })}
      onCancel={onClose}
      onOk={() => void assign.mutateAsync(undefined).then(() => (setChosen([]), onClose()), () => undefined)}
      okButtonProps={{ disabled: !chosen.length, 'data-testid': 'assign-confirm' } as ButtonProps}
      confirmLoading={assign.isPending}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Select
        mode="multiple"
        style={{ width: '100%' }}
        value={chosen}
        onChange={setChosen}
        loading={pool.isLoading}
        aria-label={t('experts.stage.pick')}
        placeholder={t('experts.stage.pick')}
        options={pool.data?.items
          .filter((e) => e.active && e.accountActive && !taken.has(e.userId))
          .map((e) => ({
            value: e.userId,
            label: `${e.displayName} · ${e.fields.map((f) => t(`spaces.industries.${f}`)).join('/')} · ${t('experts.pool.load')} ${e.load}${app && e.fields.includes(app.space.industry) ? ` · ${t('experts.stage.match')}` : ''}`,
          }))}
      />
    </Modal>
  );
}

function AutoAssignReport({ result, onClose }: { result: AutoAssignResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal open={!!result} title={t('experts.stage.autoDone')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} okText={t('common.ok')}>
      {result && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>{t('experts.stage.autoSummary', { count: result.assigned.reduce((n, a) => n + a.experts.length, 0), apps: result.assigned.length, per: result.perApplication })}</Typography.Text>
          {result.short.length > 0 && (
            <Alert type="warning" showIcon title={t('experts.stage.autoShort')} description={result.short.map((s) => t('experts.stage.autoShortItem', { space: s.spaceName, missing: s.missing })).join(t('common.separator'))} />
          )}
          {result.outsideField.length > 0 && (
            <Alert type="info" showIcon title={t('experts.stage.autoOutside')} description={result.outsideField.map((s) => t('experts.stage.autoOutsideItem', { space: s.spaceName, count: s.count })).join(t('common.separator'))} />
          )}
          {result.assigned.map((a) => (
            <div key={a.applicationId}>
              <Typography.Text strong>{a.spaceName}</Typography.Text>：{a.experts.map((e) => e.displayName + (e.outsideField ? `（${t('experts.stage.outside')}）` : '')).join('、')}
            </div>
          ))}
        </Space>
      )}
    </Modal>
  );
}

function AssignmentsTab({ callId, stageKey }: { callId: string; stageKey: string }) {
  const { t } = useTranslation();
  const overview = useStageOverview({ callId, stageKey });
  const [assigning, setAssigning] = useState<StageApplication | null>(null);
  const [report, setReport] = useState<AutoAssignResult | null>(null);
  const auto = useAction(
    () => expertsApi.autoAssign({ callId, stageKey }),
    invalidate,
    (r) => t('experts.stage.autoToast', { apps: r.assigned.length }),
  );
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const canAssign = !!data?.canAssign;
  return (
    <>
      {data && (
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">
            {t('experts.stage.sheetLine', { per: data.sheet.expertsPerApplication, below: data.sheet.commentBelow })}
            {data.sheet.sameCityConflict ? t('experts.stage.sameCity') : ''}
          </Typography.Text>
          {canAssign && (
            <Button type="primary" icon={<ThunderboltOutlined />} loading={auto.isPending} onClick={() => void auto.mutateAsync(undefined).then(setReport, () => undefined)} data-testid="auto-assign">
              {t('experts.stage.auto')}
            </Button>
          )}
        </Flex>
      )}
      <Table<StageApplication>
        rowKey="id"
        loading={overview.isFetching}
        dataSource={data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('experts.stage.empty')} /> }}
        columns={[
          { title: t('experts.stage.space'), key: 'space', render: (_, a) => a.space.name },
          { title: t('experts.stage.operator'), key: 'operator', render: (_, a) => a.operator.name },
          { title: t('spaces.industry'), key: 'industry', render: (_, a) => t(`spaces.industries.${a.space.industry}`) },
          { title: t('experts.stage.experts'), key: 'experts', render: (_, a) => <Assignments items={a.assignments} canAssign={canAssign} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, a) =>
              canAssign && (
                <Button size="small" icon={<UserAddOutlined />} onClick={() => setAssigning(a)} data-testid="assign-open">
                  {t('experts.stage.assign')}
                </Button>
              ),
          },
        ]}
      />
      <AssignModal app={assigning} stageKey={stageKey} onClose={() => setAssigning(null)} />
      <AutoAssignReport result={report} onClose={() => setReport(null)} />
    </>
  );
}

function ResultsTab({ callId, stageKey }: { callId: string; stageKey: string }) {
  const { t } = useTranslation();
  const results = useResults({ callId, stageKey });
  if (results.isError) return <QueryError error={results.error} onRetry={() => void results.refetch()} />;
  const criteria = results.data?.sheet.criteria ?? [];
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button icon={<DownloadOutlined />} href={resultsXlsxUrl(callId, stageKey)} data-testid="results-export">
          {t('experts.results.export')}
        </Button>
      </Flex>
      <Table<ResultRow>
        rowKey="applicationId"
        loading={results.isFetching}
        dataSource={results.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('experts.results.empty')} /> }}
        expandable={{
          rowExpandable: (r) => r.scores.length > 0,
          expandedRowRender: (r) => (
            <Table
              rowKey={(s) => s.expert.userId}
              size="small"
              pagination={false}
              dataSource={r.scores}
              columns={[
                { title: t('experts.results.expert'), key: 'expert', render: (_, s) => s.expert.displayName },
                ...criteria.map((c) => ({ title: `${c.name}（${c.weight}%）`, key: c.key, render: (_: unknown, s: ResultRow['scores'][number]) => s.scores[c.key] ?? '—' })),
                { title: t('experts.results.total'), dataIndex: 'total' },
                { title: t('experts.results.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? '—' },
                { title: t('experts.results.submittedAt'), dataIndex: 'submittedAt', render: formatDateTime },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('experts.results.rank'), dataIndex: 'rank', render: (r: number | null) => r ?? '—' },
          { title: t('experts.stage.space'), dataIndex: 'spaceName' },
          { title: t('experts.stage.operator'), dataIndex: 'operatorName' },
          { title: t('experts.results.count'), key: 'count', render: (_, r) => r.scores.length },
          { title: t('experts.results.mean'), dataIndex: 'mean', render: (m: number | null) => m ?? '—' },
          { title: t('experts.results.trimmed'), dataIndex: 'trimmedMean', render: (m: number | null) => m ?? '—' },
        ]}
      />
    </>
  );
}

/** 专家评审: pick a call and its expert stage; assign experts (by hand or automatically), follow the scoring, rank, export. */
export default function ExpertReview() {
  const { t } = useTranslation();
  // The expert stages of published calls the user's authority works, from each call's chain.
  const calls = useStagesMine('expert');
  // The workbench links an expert stage's to-do here with its call and stage picked.
  const [params] = useSearchParams();
  const [pick, setPick] = useState<{ callId?: string | undefined; stageKey?: string | undefined }>(() => ({ callId: params.get('callId') ?? undefined, stageKey: params.get('stageKey') ?? undefined }));
  const chosen = calls.data?.find((c) => c.call.id === pick.callId);
  const stage = chosen?.stages.find((s) => s.key === pick.stageKey);
  const nothing = calls.isSuccess && calls.data.length === 0;
  const en = currentLanguage() === 'en-US';
  const me = useCurrentUser();
  // The score sheet is the call's authority's, kept by its admin.
  const keepsSheet = !!chosen && !!stage?.admin && chosen.call.authorityId === me.organisation.id;
  return (
    <Card title={t('experts.stage.title')}>
      {calls.isError && <QueryError error={calls.error} onRetry={() => void calls.refetch()} />}
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('experts.stage.call')}>
          <Select
            style={{ minWidth: 320 }}
            loading={calls.isLoading}
            value={pick.callId}
            onChange={(callId: string) => setPick({ callId, stageKey: onlyStage(calls.data?.find((c) => c.call.id === callId)) })}
            options={calls.data?.map((c) => ({ value: c.call.id, label: c.call.title }))}
            notFoundContent={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('experts.stage.noCalls')} />}
            data-testid="expert-call"
          />
        </Form.Item>
        {chosen && chosen.stages.length > 1 && (
          <Form.Item label={t('experts.stage.stage')}>
            <Select
              style={{ minWidth: 200 }}
              value={pick.stageKey}
              onChange={(stageKey: string) => setPick((p) => ({ ...p, stageKey }))}
              options={chosen.stages.map((s) => ({ value: s.key, label: en ? s.nameEn : s.name }))}
              data-testid="expert-stage"
            />
          </Form.Item>
        )}
      </Form>
      {chosen && stage ? (
        <Tabs
          key={`${chosen.call.id}/${stage.key}`}
          items={[
            { key: 'assign', label: t('experts.stage.tabAssign'), children: <AssignmentsTab callId={chosen.call.id} stageKey={stage.key} /> },
            { key: 'results', label: t('experts.stage.tabResults'), children: <ResultsTab callId={chosen.call.id} stageKey={stage.key} /> },
            ...(keepsSheet ? [{ key: 'sheet', label: t('experts.sheet.tab'), children: <ScoreSheetEditor callId={chosen.call.id} /> }] : []),
          ]}
        />
      ) : nothing ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('experts.stage.noCalls')} data-testid="expert-nothing" />
      ) : (
        <Descriptions>
          <Descriptions.Item>{t('experts.stage.pickFirst')}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
