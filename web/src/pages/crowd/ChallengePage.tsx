import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, List, Modal, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { type ChallengeAction, type ChallengeDetail, crowdApi, crowdKeys } from '../../api/crowd';
import { filesApi } from '../../api/files';
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
  const base = useLocation().pathname.replace(/\/[^/]+$/, '');
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
      <Breadcrumb items={[{ title: <Link to={base}>{t('crowd.detail.back')}</Link> }, { title: c.title }]} />
      <Card
        title={
          <Flex gap={8} align="center">
            <span data-testid="challenge-title-text">{c.title}</span>
            <ChallengeStateTag state={c.state} />
          </Flex>
        }
        extra={
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
        {c.panel.length > 0 && (
          <Descriptions size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('crowd.detail.panel')}>{c.panel.map((p) => `${p.displayName}（${p.orgName}）`).join('、')}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {seesSolutions && <SolutionsCard c={c} canAward={manages && c.state === 'judging'} onOpen={setSolution} />}
      {!seesSolutions && c.mySolutionId && (
        <Card title={t('crowd.solution.mine')}>
          <Button onClick={() => setSolution(c.mySolutionId!)} data-testid="my-solution-open">
            {t('crowd.solution.open')}
          </Button>
        </Card>
      )}
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
    <Card title={t('crowd.detail.solutions')}>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table
          rowKey="id"
          data-testid="solutions-table"
          loading={query.isLoading}
          dataSource={query.data?.items}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('crowd.detail.noSolutions')} /> }}
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
      )}
    </Card>
  );
}

function SubmitCard({ c }: { c: ChallengeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ title: string; summary: string }>();
  const errors = useFormErrors(form);
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('crowd.form.required') }];
  const upload = async (file: File) => {
    try {
      const meta = await filesApi.upload(file, file.name);
      setFiles((f) => [...f, { id: meta.id, name: meta.originalName }]);
    } catch (err) {
      errors.onError(err);
    }
  };
  const submit = async (v: { title: string; summary: string }) => {
    setBusy(true);
    errors.clear();
    try {
      await crowdApi.submit(c.id, { ...v, fileIds: files.map((f) => f.id) });
      message.success(t('crowd.solution.submitted'));
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  };
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
        <Form.Item label={t('crowd.solution.files')}>
          <Upload accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.zip" multiple showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
            <Button icon={<UploadOutlined />} data-testid="solution-upload">
              {t('crowd.solution.upload')}
            </Button>
          </Upload>
          <List size="small" dataSource={files} renderItem={(f) => <List.Item>{f.name}</List.Item>} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="solution-submit">
          {t('crowd.solution.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function CloseModal({ c, onClose }: { c: ChallengeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const close = useAction((reason: string) => crowdApi.close(c.id, reason, c.revision), refresh, () => t('crowd.detail.done', { action: t('crowd.actions.close') }));
  return (
    <Modal open title={t('crowd.actions.close')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={close.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => close.mutate(v.reason, { onSuccess: onClose })}>
        <Form.Item name="reason" label={t('crowd.form.reason')} rules={[{ required: true, message: t('crowd.form.required') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A solution with its files and, for the panel and the space, the scores; a panel member scores it while judged. */
function SolutionDrawer({ id, onClose }: { id?: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [crowdKeys.solution, id], queryFn: () => crowdApi.solution(id!), enabled: !!id });
  const [form] = Form.useForm<{ score: number; comment?: string }>();
  const errors = useFormErrors(form);
  const s = query.data;
  const score = async (v: { score: number; comment?: string }) => {
    errors.clear();
    try {
      await crowdApi.score(id!, { score: v.score, comment: v.comment || undefined });
      message.success(t('crowd.solution.scored'));
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    } catch (err) {
      errors.onError(err);
    }
  };
  return (
    <Drawer open={!!id} onClose={onClose} width={640} title={s?.title} destroyOnHidden>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {s && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('crowd.solution.team')}>{s.teamName}</Descriptions.Item>
            <Descriptions.Item label={t('crowd.solution.submittedAt')}>{formatDateTime(s.submittedAt as unknown as string)}</Descriptions.Item>
            <Descriptions.Item label={t('crowd.solution.summary')}>{s.summary}</Descriptions.Item>
            <Descriptions.Item label={t('crowd.solution.files')}>
              {s.files.length
                ? s.files.map((f) => (
                    <div key={f.id}>
                      <a href={crowdApi.fileUrl(s.id, f.id)}>{f.originalName}</a>
                    </div>
                  ))
                : '—'}
            </Descriptions.Item>
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
