import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type PitchApplicationBody, type PitchApplicationDetail, type PitchCallDetail, PROJECT_STAGES, pitchApi, pitchKeys } from '../../api/pitches';
import { DetailHeader, EntriesCard, EntryFilesField, FileLinks, OwnEntryCard, ReasonModal, useEntryFiles, useEntrySubmit } from '../../components/DetailParts';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { sortFromTable } from '../../components/tableSort';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';
import { CallForm } from './CallForm';
import { CallTerms, PitchStateTag, Results } from './parts';

const refresh = Object.values(pitchKeys).map((k) => [k]);

/** One call for whoever may read it: its terms; the organiser's moves, ranking and awards; the panel's applications; the team's application. */
export default function PitchCallPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: [pitchKeys.call, id], queryFn: () => pitchApi.read(id) });
  const [application, setApplication] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const move = useAction(
    ({ action, c }: { action: 'open' | 'review' | 'publish'; c: PitchCallDetail }) => pitchApi.move(c.id, action, c.revision),
    refresh,
    (_r, v) => t('pitches.detail.done', { action: t(`pitches.actions.${v.action}`) }),
  );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;
  const c = query.data;
  const seesApplications = c.canManage || c.onPanel;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DetailHeader
        backLabel={t('pitches.detail.back')}
        title={c.title}
        titleTestId="pitch-title-text"
        tag={<PitchStateTag state={c.state} />}
        panel={c.panel}
        panelLabel={t('pitches.form.panel')}
        actions={
          <Space>
            {c.canEdit && <Button onClick={() => setEditing(true)}>{t('pitches.form.edit')}</Button>}
            {c.actions.includes('cancel') && (
              <Button danger onClick={() => setCancelling(true)}>
                {t('pitches.actions.cancel')}
              </Button>
            )}
            {(['open', 'review', 'publish'] as const)
              .filter((a) => c.actions.includes(a))
              .map((a) => (
                <Popconfirm key={a} title={t(`pitches.actions.${a}`)} onConfirm={() => move.mutate({ action: a, c })}>
                  <Button type="primary" loading={move.isPending} data-testid={`pitch-${a}`}>
                    {t(`pitches.actions.${a}`)}
                  </Button>
                </Popconfirm>
              ))}
          </Space>
        }
      >
        <CallTerms c={c} />
        {c.cancelReason && <Typography.Paragraph type="danger">{t('pitches.detail.cancelReason', { reason: c.cancelReason })}</Typography.Paragraph>}
      </DetailHeader>
      {c.state === 'published' && (
        <Card title={t('pitches.detail.results')}>
          <Results results={c.results} />
        </Card>
      )}
      {seesApplications && <ApplicationsCard c={c} onOpen={setApplication} />}
      {!seesApplications && c.myApplicationId && <OwnEntryCard title={t('pitches.app.mine')} label={t('pitches.app.open')} testId="my-pitch-open" onOpen={() => setApplication(c.myApplicationId!)} />}
      {!seesApplications && !c.myApplicationId && c.canApply && <ApplyCard c={c} />}
      <ApplicationDrawer id={application} onClose={() => setApplication(undefined)} />
      {editing && <CallForm open call={c} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />}
      {cancelling && <CancelModal c={c} onClose={() => setCancelling(false)} />}
    </Space>
  );
}

/** The ranking by weighted mean (the organiser and the panel) and, for the organiser in review, the awards. */
function ApplicationsCard({ c, onOpen }: { c: PitchCallDetail; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [sort, setSort] = useState<{ sort?: 'rank' | 'projectName' | 'teamName' | 'submittedAt' | 'stage'; order?: 'asc' | 'desc' }>({});
  const query = useQuery({ queryKey: [pitchKeys.applications, c.id, paging, sort], queryFn: () => pitchApi.applications(c.id, { ...paging, ...sort }), placeholderData: keepPreviousData });
  const deciding = c.canManage && c.state === 'reviewing';
  const [awards, setAwards] = useState<Record<string, string>>({});
  const save = useAction(
    () => pitchApi.awards(c.id, { awards: Object.entries(awards).filter(([, a]) => a.trim()).map(([applicationId, award]) => ({ applicationId, award: award.trim() })), revision: c.revision }),
    refresh,
    () => t('pitches.detail.done', { action: t('pitches.actions.awards') }),
  );
  return (
    <EntriesCard
      title={t('pitches.detail.applications')}
      extra={
        deciding && (
          <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="pitch-save-awards">
            {t('pitches.actions.awards')}
          </Button>
        )
      }
      query={query}
      empty={t('pitches.detail.noApplications')}
      rowKey="id"
      data-testid="pitch-applications"
      pagination={{ current: paging.page, pageSize: paging.pageSize, total: query.data?.total ?? 0 }}
      onChange={(p, _f, s) => {
        setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
        setSort(sortFromTable(s) as typeof sort);
      }}
      columns={[
        { title: t('pitches.app.rank'), key: 'rank', sorter: true, render: (_, r) => r.rank ?? '—' },
        { title: t('pitches.app.projectName'), key: 'projectName', sorter: true, render: (_, r) => <a onClick={() => onOpen(r.id)} data-testid={`pitch-app-${r.projectName}`}>{r.projectName}</a> },
        { title: t('pitches.app.team'), key: 'teamName', sorter: true, render: (_, r) => r.teamName },
        { title: t('pitches.app.stage'), key: 'stage', sorter: true, render: (_, r) => t(`pitches.stages.${r.stage}`) },
        { title: t('pitches.app.mean'), key: 'mean', align: 'right', render: (_, r) => (r.mean === null ? '—' : r.mean) },
        { title: t('pitches.app.scored'), key: 'scored', align: 'right', render: (_, r) => t('pitches.app.scoredCount', { scored: r.scored, recused: r.recused }) },
        {
          title: t('pitches.app.award'),
          key: 'award',
          render: (_, r) =>
            deciding ? (
              <Input size="small" maxLength={50} defaultValue={r.award ?? ''} placeholder={t('pitches.app.awardPlaceholder')} onChange={(e) => setAwards((a) => ({ ...a, [r.id]: e.target.value }))} data-testid={`pitch-award-${r.projectName}`} style={{ width: 140 }} />
            ) : r.award ? (
              <Tag color="gold">{r.award}</Tag>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}

type AppValues = Omit<PitchApplicationBody, 'fileIds'>;

function ApplicationFields({ files }: { files: ReturnType<typeof useEntryFiles> }) {
  const { t } = useTranslation();
  const required = [{ required: true, message: t('pitches.form.required') }];
  return (
    <>
      <Form.Item name="projectName" label={t('pitches.app.projectName')} rules={required}>
        <Input maxLength={100} data-testid="pitch-app-name" />
      </Form.Item>
      <Form.Item name="summary" label={t('pitches.app.summary')} rules={required}>
        <Input.TextArea rows={4} maxLength={5000} data-testid="pitch-app-summary" />
      </Form.Item>
      <Form.Item name="stage" label={t('pitches.app.stage')} rules={required}>
        <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: t(`pitches.stages.${s}`) }))} data-testid="pitch-app-stage" />
      </Form.Item>
      <Form.Item name="team" label={t('pitches.app.teamIntro')} rules={required} extra={t('pitches.app.teamHint')}>
        <Input.TextArea rows={2} maxLength={2000} data-testid="pitch-app-team" />
      </Form.Item>
      <EntryFilesField files={files} label={t('pitches.app.files')} uploadLabel={t('pitches.app.upload')} removeLabel={t('pitches.app.removeFile')} />
    </>
  );
}

function ApplyCard({ c }: { c: PitchCallDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppValues>();
  const errors = useFormErrors(form);
  const files = useEntryFiles(errors.onError);
  const { submit, busy } = useEntrySubmit(errors, (v: AppValues) => pitchApi.apply(c.id, { ...v, fileIds: files.files.map((f) => f.id) }), t('pitches.app.submitted'), refresh);
  return (
    <Card title={t('pitches.app.apply')}>
      <Typography.Paragraph type="secondary">{t('pitches.app.applyHint', { closesAt: formatDateTime(c.closesAt as unknown as string) })}</Typography.Paragraph>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }} initialValues={{ stage: 'prototype' }}>
        <ApplicationFields files={files} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="pitch-app-submit">
          {t('pitches.app.apply')}
        </Button>
      </Form>
    </Card>
  );
}

function CancelModal({ c, onClose }: { c: PitchCallDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useAction((reason: string) => pitchApi.cancel(c.id, reason, c.revision), refresh, () => t('pitches.detail.done', { action: t('pitches.actions.cancel') }));
  return <ReasonModal title={t('pitches.actions.cancel')} label={t('pitches.form.reason')} requiredMessage={t('pitches.form.required')} action={cancel} onClose={onClose} />;
}

/** An application with its files; for the panel and the organiser the sheets; a reviewer's own sheet while in review; the team's edit and withdrawal while the window is open. */
export function ApplicationDrawer({ id, onClose }: { id?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [pitchKeys.application, id], queryFn: () => pitchApi.application(id!), enabled: !!id });
  const a = query.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={680} title={a?.projectName} destroyOnHidden>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {a && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('pitches.col.title')}>{a.callTitle}</Descriptions.Item>
            <Descriptions.Item label={t('pitches.app.team')}>{a.teamName}</Descriptions.Item>
            <Descriptions.Item label={t('pitches.app.stage')}>{t(`pitches.stages.${a.stage}`)}</Descriptions.Item>
            <Descriptions.Item label={t('pitches.app.summary')}>{a.summary}</Descriptions.Item>
            <Descriptions.Item label={t('pitches.app.teamIntro')}>{a.team}</Descriptions.Item>
            <Descriptions.Item label={t('pitches.app.files')}>
              <FileLinks files={a.files} href={(fileId) => pitchApi.fileUrl(a.id, fileId)} />
            </Descriptions.Item>
            <Descriptions.Item label={t('pitches.app.submittedAt')}>{formatDateTime(a.submittedAt as unknown as string)}</Descriptions.Item>
            {a.state === 'withdrawn' && (
              <Descriptions.Item label={t('pitches.col.state')}>
                <Tag>{t('pitches.app.withdrawn')}</Tag>
              </Descriptions.Item>
            )}
            {a.rank !== null && <Descriptions.Item label={t('pitches.app.rank')}>{t('pitches.app.rankOf', { rank: a.rank, score: a.finalScore ?? '—' })}</Descriptions.Item>}
            {a.award && (
              <Descriptions.Item label={t('pitches.app.award')}>
                <Tag color="gold">{a.award}</Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          {a.scores.length > 0 && (
            <List
              header={t('pitches.review.sheets')}
              size="small"
              dataSource={a.scores}
              renderItem={(x) => (
                <List.Item>
                  {x.conflict ? t('pitches.review.recusedBy', { reviewer: x.reviewer, note: x.conflictNote ?? '' }) : `${x.reviewer}：${x.total}${x.comment ? `，${x.comment}` : ''}`}
                </List.Item>
              )}
            />
          )}
          {a.canScore && <ScoreForm a={a} />}
          {a.canChange && <ChangeApplication a={a} onDone={onClose} />}
        </Space>
      )}
    </Drawer>
  );
}

type ScoreValues = { conflict: boolean; conflictNote?: string; scores?: Record<string, number>; comment?: string };

function ScoreForm({ a }: { a: PitchApplicationDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ScoreValues>();
  const errors = useFormErrors(form);
  const conflict = Form.useWatch('conflict', form);
  const { submit: save } = useEntrySubmit(
    errors,
    (v: ScoreValues) => pitchApi.score(a.id, v.conflict ? { conflict: true, conflictNote: v.conflictNote } : { conflict: false, scores: v.scores, comment: v.comment || undefined }),
    t('pitches.review.saved'),
    refresh,
  );
  const initial: ScoreValues = a.myScore
    ? { conflict: a.myScore.conflict, conflictNote: a.myScore.conflictNote ?? undefined, scores: a.myScore.scores ?? undefined, comment: a.myScore.comment ?? undefined }
    : { conflict: false };
  return (
    <Card size="small" title={t('pitches.review.mySheet')}>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial}>
        <Form.Item name="conflict" label={t('pitches.review.declaration')} rules={[{ required: true, message: t('pitches.form.required') }]}>
          <Radio.Group data-testid="pitch-conflict">
            <Radio value={false}>{t('pitches.review.noConflict')}</Radio>
            <Radio value={true}>{t('pitches.review.hasConflict')}</Radio>
          </Radio.Group>
        </Form.Item>
        {conflict ? (
          <Form.Item name="conflictNote" label={t('pitches.review.conflictNote')} rules={[{ required: true, message: t('pitches.form.required') }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : (
          <>
            {a.criteria.map((c) => (
              <Form.Item key={c.key} name={['scores', c.key]} label={`${c.name}（${c.weight}%）`} rules={[{ required: true, message: t('pitches.form.required') }]}>
                <InputNumber min={0} max={100} data-testid={`pitch-score-${c.key}`} />
              </Form.Item>
            ))}
            <Form.Item name="comment" label={t('pitches.review.comment')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" data-testid="pitch-score-save">
          {t('pitches.review.save')}
        </Button>
      </Form>
    </Card>
  );
}

function ChangeApplication({ a, onDone }: { a: PitchApplicationDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AppValues>();
  const errors = useFormErrors(form);
  const files = useEntryFiles(errors.onError, a.files.map((f) => ({ id: f.id, name: f.originalName })));
  const withdraw = useAction(() => pitchApi.withdraw(a.id, a.revision), refresh, () => t('pitches.app.withdrawnDone'));
  const { submit: save } = useEntrySubmit(errors, (v: AppValues) => pitchApi.editApplication(a.id, { ...v, fileIds: files.files.map((f) => f.id), revision: a.revision }), t('pitches.form.saved'), refresh);
  return (
    <Card size="small" title={t('pitches.app.edit')}>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ projectName: a.projectName, summary: a.summary, stage: a.stage, team: a.team }}>
        <ApplicationFields files={files} />
        <Space>
          <Button type="primary" htmlType="submit">
            {t('pitches.form.save')}
          </Button>
          <Popconfirm title={t('pitches.app.withdrawConfirm')} onConfirm={() => withdraw.mutate(undefined, { onSuccess: onDone })}>
            <Button danger>{t('pitches.app.withdraw')}</Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}
