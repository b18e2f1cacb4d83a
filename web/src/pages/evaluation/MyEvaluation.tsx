import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { type EvaluationDetail, evaluationApi, SUMMARY_SECTIONS, type WorkSummary } from '../../api/evaluation';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { useFormErrors } from '../../components/useFormErrors';
import { currentLanguage } from '../../i18n';
import { MINE_KEY } from './MyEvaluations';
import { SpaceHistoryLink } from '../revocation/parts';
import { GradeTag, ScoreExplanation } from './parts';

const entryKey = (id: string) => ['evaluation-entry', id];

/** One space's evaluation for its operator: the work summary in its fixed outline, the figures to confirm, submission, and the grade once published. */
export default function MyEvaluation() {
  const { id = '' } = useParams();
  const entry = useQuery({ queryKey: entryKey(id), queryFn: () => evaluationApi.entry(id) });
  useBreadcrumbTitle(entry.data?.space.name);
  if (entry.isError) return <QueryError error={entry.error} onRetry={() => void entry.refetch()} />;
  if (!entry.data) return <PageSpinner />;
  return <EntryView key={`${entry.data.id}:${entry.data.revision}`} e={entry.data} />;
}

function EntryView({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ summary: WorkSummary }>();
  const errors = useFormErrors(form);
  const en = currentLanguage() === 'en-US';
  const editable = e.abilities.edit;
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: entryKey(e.id) }), queryClient.invalidateQueries({ queryKey: [MINE_KEY] })]);
  const act = (run: () => Promise<unknown>, done: string) => ({
    mutationFn: run,
    onMutate: errors.clear,
    onSuccess: async () => {
      message.success(done);
      await refresh();
    },
    onError: (err: unknown) => (errors.onError(err), message.error(errorMessage(err))),
  });
  const save = useMutation(act(() => evaluationApi.saveSummary(e.id, e.revision, form.getFieldValue('summary') as WorkSummary), t('evaluation.saved')));
  const confirm = useMutation(act(() => evaluationApi.confirmFigures(e.id, e.revision), t('evaluation.mine.confirmed')));
  const submit = useMutation(act(() => evaluationApi.submitEntry(e.id, e.revision), t('evaluation.mine.submitted')));
  // Named by the catalogue version the return was filed on (the server sends the names with the figures).
  const figures = Object.entries(e.figures.returnValues ?? {}).map(([code, value]) => {
    const i = e.figures.labels[code];
    return { code, value, label: i ? (en ? i.labelEn : i.label) : code, unit: i?.unit ?? '' };
  });
  return (
    <Flex vertical gap={16}>
      <Link to="/app/my-evaluations">← {t('evaluation.mine.back')}</Link>
      <Card
        title={
          <Space>
            {e.space.name}
            <Tag>{t(`evaluation.rounds.statusValue.${e.status}`, { defaultValue: e.status })}</Tag>
            {e.grade && <GradeTag grade={e.grade} />}
            {e.missedAt && <Tag color="red">{t('evaluation.rounds.missed')}</Tag>}
            <SpaceHistoryLink spaceId={e.space.id} />
          </Space>
        }
        extra={
          editable && (
            <Button type="primary" loading={submit.isPending} onClick={() => modal.confirm({ title: t('evaluation.mine.submitTitle'), content: t('evaluation.mine.submitConfirm'), onOk: () => submit.mutateAsync().catch(() => undefined) })}>
              {t('evaluation.mine.submit')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'round', label: t('evaluation.rounds.name'), children: e.call.title },
            { key: 'authority', label: t('evaluation.rounds.authority'), children: e.call.authorityName },
            { key: 'scheme', label: t('evaluation.scheme'), children: e.scheme.title },
          ]}
        />
        {e.missedAt && <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('evaluation.mine.missed')} data-testid="evaluation-missed" />}
        {errors.alert}
      </Card>
      {e.grade && e.score && (
        <Card size="small" title={t('evaluation.mine.result')}>
          <ScoreExplanation
            testId="my-explanation"
            indicatorPoints={e.score.indicatorPoints}
            bonusPoints={e.score.bonusPoints}
            gradeReason={e.gradeReason ? (en ? e.gradeReason.en : e.gradeReason.zh) : null}
            vetoes={e.score.vetoes.map((v) => (en ? v.labelEn : v.label))}
            items={e.score.items.map((l) => ({ key: l.key, points: l.points, text: en ? l.text.en : l.text.zh }))}
            bonus={e.score.bonus.map((l) => ({ key: l.key, points: l.points, text: en ? l.text.en : l.text.zh }))}
          />
        </Card>
      )}
      <Card size="small" title={t('evaluation.mine.summary')} extra={editable && <Button loading={save.isPending} onClick={() => save.mutate()}>{t('evaluation.save')}</Button>}>
        <Form form={form} layout="vertical" initialValues={{ summary: e.summary ?? {} }} disabled={!editable}>
          {SUMMARY_SECTIONS.map((key) => (
            <Form.Item key={key} name={['summary', key]} label={t(`evaluation.mine.section.${key}`)}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} showCount />
            </Form.Item>
          ))}
        </Form>
      </Card>
      <Card
        size="small"
        title={t('evaluation.mine.figures')}
        extra={
          e.figuresConfirmedAt ? (
            <Tag color="green">{t('evaluation.mine.figuresConfirmed')}</Tag>
          ) : (
            editable && (
              <Button loading={confirm.isPending} disabled={e.figures.returnValues === null} onClick={() => confirm.mutate()}>
                {t('evaluation.mine.confirm')}
              </Button>
            )
          )
        }
      >
        {e.figures.returnValues === null ? (
          <Alert type="warning" showIcon title={t('evaluation.mine.noReturn')} />
        ) : (
          <Table rowKey="code" size="small" pagination={false} dataSource={figures} columns={[{ title: t('evaluation.item'), dataIndex: 'label' }, { title: t('evaluation.mine.value'), align: 'right', render: (_, f) => `${f.value} ${f.unit}` }]} />
        )}
      </Card>
    </Flex>
  );
}
