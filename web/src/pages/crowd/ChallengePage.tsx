import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type ChallengeAction, type ChallengeDetail, crowdApi, crowdKeys } from '../../api/crowd';
import { DetailHeader, EntriesCard, EntryFilesField, FileLinks, OwnEntryCard, ReasonModal, useEntryFiles, useEntrySubmit } from '../../components/DetailParts';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useFormErrors } from '../../components/useFormErrors';
import { PageSpinner } from '../../components/PageSpinner';
import { formatDateTime } from '../../lib/format';
import { ChallengeStateTag, ChallengeTerms } from './parts';

const refresh = [[crowdKeys.challenge], [crowdKeys.solutions], [crowdKeys.solution], [crowdKeys.managed], [crowdKeys.panel], [crowdKeys.published], [crowdKeys.mine]];

/** One challenge for whoever may read it: its terms; the operator's moves; the solutions for the operator and the panel; the team's submission. */
export default function ChallengePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: [crowdKeys.challenge, id], queryFn: () => crowdApi.read(id) });
  const [solution, setSolution] = useState<string>();
  const [closing, setClosing] = useState(false);
  const move = useAction(
    ({ action, c }: { action: Exclude<ChallengeAction, 'award' | 'close'>; c: ChallengeDetail }) => (action === 'publish' ? crowdApi.publish(c.id, c.revision) : crowdApi.judge(c.id, c.revision)),
    refresh,
    (_r, v) => t('crowd.detail.done', { action: t(`crowd.actions.${v.action}`) }),
  );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageSpinner />;
  const c = query.data;
  const manages = c.canManage;
  const seesSolutions = c.canManage || c.onPanel;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DetailHeader
        backLabel={t('crowd.detail.back')}
        title={c.title}
        titleTestId="challenge-title-text"
        tag={<ChallengeStateTag state={c.state} />}
        panel={c.panel}
        panelLabel={t('crowd.detail.panel')}
        actions={
          <Space>
            {c.actions.includes('close') && (
              <Button danger onClick={() => setClosing(true)}>
                {t('crowd.actions.close')}
              </Button>
            )}
            {c.actions.includes('judge') && (
              <Popconfirm title={t('crowd.actions.judge')} onConfirm={() => move.mutate({ action: 'judge', c })}>
                <Button data-testid="challenge-judge">{t('crowd.actions.judge')}</Button>
              </Popconfirm>
            )}
            {c.actions.includes('publish') && (
              <Button type="primary" loading={move.isPending} onClick={() => move.mutate({ action: 'publish', c })} data-testid="challenge-publish">
                {t('crowd.actions.publish')}
              </Button>
            )}
          </Space>
        }
      >
        <ChallengeTerms c={c} />
      </DetailHeader>
      {seesSolutions && <SolutionsCard c={c} canAward={manages && c.state === 'judging'} onOpen={setSolution} />}
      {!seesSolutions && c.mySolutionId && <OwnEntryCard title={t('crowd.solution.mine')} label={t('crowd.solution.open')} testId="my-solution-open" onOpen={() => setSolution(c.mySolutionId!)} />}
      {!seesSolutions && !c.mySolutionId && c.canSubmit && <SubmitCard c={c} />}
      <SolutionDrawer id={solution} onClose={() => setSolution(undefined)} />
      {closing && <CloseModal c={c} onClose={() => setClosing(false)} />}
    </Space>
  );
}

function SolutionsCard({ c, canAward, onOpen }: { c: ChallengeDetail; canAward: boolean; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [crowdKeys.solutions, c.id], queryFn: () => crowdApi.solutions(c.id) });
  const award = useAction((solutionId: string) => crowdApi.award(c.id, { solutionId, revision: c.revision }), refresh, () => t('crowd.detail.done', { action: t('crowd.actions.award') }));
  return (
    <EntriesCard
      title={t('crowd.detail.solutions')}
      query={query}
      empty={t('crowd.detail.noSolutions')}
      rowKey="id"
      data-testid="solutions-table"
      pagination={false}
      columns={[
        { title: t('crowd.solution.title'), key: 'title', render: (_, r) => <a onClick={() => onOpen(r.id)}>{r.title}</a> },
        { title: t('crowd.solution.team'), key: 'team', render: (_, r) => r.teamName },
        { title: t('crowd.solution.submittedAt'), key: 'at', render: (_, r) => formatDateTime(r.submittedAt as unknown as string) },
        { title: t('crowd.solution.average'), key: 'avg', align: 'right', render: (_, r) => (r.averageScore === null ? '—' : `${r.averageScore}（${r.scoreCount}）`) },
        {
          title: '',
          key: 'actions',
          render: (_, r) => (
            <Space>
              <a onClick={() => onOpen(r.id)} data-testid={`solution-open-${r.teamName}`}>
                {t('crowd.solution.open')}
              </a>
              {c.award?.solutionId === r.id && <Tag color="gold">{t('crowd.solution.awarded')}</Tag>}
              {canAward && (
                <Popconfirm title={`${t('crowd.solution.awardThis')}：${r.teamName}`} onConfirm={() => award.mutate(r.id)}>
                  <a data-testid={`solution-award-${r.teamName}`}>{t('crowd.solution.awardThis')}</a>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function SubmitCard({ c }: { c: ChallengeDetail }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; summary: string }>();
  const errors = useFormErrors(form);
  const files = useEntryFiles(errors.onError);
  const required = [{ required: true, message: t('crowd.form.required') }];
  const { submit, busy } = useEntrySubmit(errors, (v: { title: string; summary: string }) => crowdApi.submit(c.id, { ...v, fileIds: files.files.map((f) => f.id) }), t('crowd.solution.submitted'), refresh);
  return (
    <Card title={t('crowd.solution.submit')}>
      <Typography.Paragraph type="secondary">{t('crowd.solution.submitHint')}</Typography.Paragraph>
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 720 }}>
        <Form.Item name="title" label={t('crowd.solution.title')} rules={required}>
          <Input maxLength={100} data-testid="solution-title" />
        </Form.Item>
        <Form.Item name="summary" label={t('crowd.solution.summary')} rules={required}>
          <Input.TextArea rows={4} maxLength={5000} data-testid="solution-summary" />
        </Form.Item>
        <EntryFilesField files={files} label={t('crowd.solution.files')} uploadLabel={t('crowd.solution.upload')} removeLabel={t('crowd.solution.removeFile')} uploadTestId="solution-upload" />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="solution-submit">
          {t('crowd.solution.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function CloseModal({ c, onClose }: { c: ChallengeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const close = useAction((reason: string) => crowdApi.close(c.id, reason, c.revision), refresh, () => t('crowd.detail.done', { action: t('crowd.actions.close') }));
  return <ReasonModal title={t('crowd.actions.close')} label={t('crowd.form.reason')} requiredMessage={t('crowd.form.required')} action={close} onClose={onClose} />;
}

/** A solution with, for the team and the panel, its content and files and, for the panel and the space, the scores; a panel member scores it while judged. */
function SolutionDrawer({ id, onClose }: { id?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: [crowdKeys.solution, id], queryFn: () => crowdApi.solution(id!), enabled: !!id });
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  const errors = useFormErrors(form);
  const s = query.data;
  const { submit: score } = useEntrySubmit(errors, (v: { score: number; comment?: string }) => crowdApi.score(id!, { score: v.score, comment: v.comment || undefined }), t('crowd.solution.scored'), refresh);
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={s?.title} destroyOnHidden>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {s && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('crowd.solution.team')}>{s.teamName}</Descriptions.Item>
            <Descriptions.Item label={t('crowd.solution.submittedAt')}>{formatDateTime(s.submittedAt as unknown as string)}</Descriptions.Item>
            {s.contentVisible && <Descriptions.Item label={t('crowd.solution.summary')}>{s.summary}</Descriptions.Item>}
            {s.contentVisible && (
              <Descriptions.Item label={t('crowd.solution.files')}>
                <FileLinks files={s.files ?? []} href={(fileId) => crowdApi.fileUrl(s.id, fileId)} />
              </Descriptions.Item>
            )}
            {/* The space's operator off the panel awards on the panel's scores: the API omits the content. */}
            {!s.contentVisible && (
              <Descriptions.Item label={t('crowd.solution.summary')}>
                <Typography.Text type="secondary" data-testid="solution-content-private">
                  {t('crowd.solution.contentPrivate')}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {s.awarded && (
              <Descriptions.Item label={t('crowd.col.state')}>
                <Tag color="gold">{t('crowd.solution.awarded')}</Tag>
              </Descriptions.Item>
            )}
          </Descriptions>
          {(s.scores.length > 0 || s.canScore) && (
            <List
              header={t('crowd.solution.scores')}
              size="small"
              dataSource={s.scores}
              locale={{ emptyText: t('crowd.solution.noScores') }}
              renderItem={(x) => (
                <List.Item>
                  {x.reviewer}：{x.score}
                  {x.comment ? `，${x.comment}` : ''}
                </List.Item>
              )}
            />
          )}
          {s.canScore && (
            <Card size="small" title={t('crowd.solution.myScore')}>
              {errors.alert}
              <Form form={form} layout="vertical" onFinish={score} initialValues={s.myScore ?? {}}>
                <Form.Item name="score" label={t('crowd.solution.score')} rules={[{ required: true, message: t('crowd.form.required') }]}>
                  <InputNumber min={0} max={100} precision={0} data-testid="score-value" />
                </Form.Item>
                <Form.Item name="comment" label={t('crowd.solution.comment')}>
                  <Input.TextArea rows={2} maxLength={1000} data-testid="score-comment" />
                </Form.Item>
                <Button type="primary" htmlType="submit" data-testid="score-save">
                  {t('crowd.solution.saveScore')}
                </Button>
              </Form>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}
