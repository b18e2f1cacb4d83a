import { CalculatorOutlined, CheckCircleTwoTone, MinusCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Form, Row, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { evaluationApi, type Grade, GRADES, type RoundEntriesPage, type RoundEntry } from '../../api/evaluation';
import { can } from '../../api/session';
import { useBreadcrumbTitle } from '../../app/breadcrumbs';
import { useCurrentUser } from '../../app/currentUser';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../components/useAction';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { GradeChart } from './GradeChart';
import { GradeTag, ScoreExplanation } from './parts';
import { ROUNDS_KEY } from './Rounds';

const Done = ({ done }: { done: boolean }) => (done ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <MinusCircleOutlined style={{ color: '#bfbfbf' }} />);

function EntryExplanation({ e }: { e: RoundEntry }) {
  const en = currentLanguage() === 'en-US';
  if (!e.score) return null;
  const line = (l: NonNullable<RoundEntry['score']>['items'][number]) => ({ key: l.key, points: l.points, text: en ? l.text.en : l.text.zh });
  return (
    <ScoreExplanation
      testId={`entry-explanation-${e.space.name}`}
      indicatorPoints={e.score.indicatorPoints}
      bonusPoints={e.score.bonusPoints}
      gradeReason={e.gradeReason ? (en ? e.gradeReason.en : e.gradeReason.zh) : null}
      vetoes={e.score.vetoes.map((v) => (en ? v.labelEn : v.label))}
      items={e.score.items.map(line)}
      bonus={e.score.bonus.map(line)}
    />
  );
}

/** One evaluation round: its spaces in the user's jurisdiction with their progress, scores explained and grades, and the grade distribution. */
export default function RoundDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [answer, setAnswer] = useState<RoundEntriesPage>();
  const round = answer?.round;
  const me = useCurrentUser();
  const timelines = can(me, 'timeline.read');
  const missed = answer?.byStatus.reduce((n, s) => n + s.missed, 0) ?? 0;
  useBreadcrumbTitle(round?.title);
  const compute = useAction(() => evaluationApi.computeScores(id), [[ROUNDS_KEY], [`evaluation-round-${id}`]], (r) => t('evaluation.rounds.scored', { count: r.scored }));
  return (
    <Flex vertical gap={16}>
      <Link to="/app/evaluation-rounds">← {t('evaluation.rounds.back')}</Link>
      <Card
        title={round?.title ?? t('evaluation.rounds.title')}
        extra={
          round?.abilities.manage && (
            <Button icon={<CalculatorOutlined />} loading={compute.isPending} onClick={() => compute.mutate(undefined)}>
              {t('evaluation.rounds.compute')}
            </Button>
          )
        }
      >
        {round && (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'year', label: t('evaluation.year'), children: round.year },
              { key: 'category', label: t('evaluation.category'), children: t(`evaluation.categoryValue.${round.category}`) },
              { key: 'authority', label: t('evaluation.rounds.authority'), children: round.authorityName },
              { key: 'scheme', label: t('evaluation.scheme'), children: <Link to={`/app/evaluation/${round.scheme.id}`}>{round.scheme.title}</Link> },
              { key: 'due', label: t('evaluation.rounds.dueAt'), children: formatDateTime(round.dueAt) },
              { key: 'scored', label: t('evaluation.rounds.scoredAt'), children: round.scoredAt ? formatDateTime(round.scoredAt) : t('evaluation.rounds.notScored') },
            ]}
          />
        )}
        {answer && (
          <Space wrap size={[4, 8]} style={{ marginTop: 12 }} data-testid="round-progress">
            <span>{t('evaluation.rounds.progress')}：</span>
            {answer.byStatus.map((s) => (
              <Tag key={s.status} color={s.status === 'draft' ? 'orange' : s.status === 'filed' ? 'green' : 'processing'}>
                {t('evaluation.rounds.progressCount', { status: t(`evaluation.rounds.statusValue.${s.status}`, { defaultValue: s.status }), count: s.count })}
              </Tag>
            ))}
            {missed > 0 && <Tag color="red">{t('evaluation.rounds.missedCount', { count: missed })}</Tag>}
          </Space>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <GradeChart testId="round-distribution" title={t('evaluation.preview.distribution')} distribution={GRADES.map((grade) => ({ grade, count: round?.distribution[grade] ?? 0 }))} />
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('evaluation.rounds.entries')}>
            <PagedTable<RoundEntry, { grade?: Grade }, RoundEntriesPage>
              queryKey={`evaluation-round-${id}`}
              list={(query) => evaluationApi.entries(id, query)}
              onData={setAnswer}
              rowKey="id"
              emptyText={t('evaluation.rounds.noEntries')}
              filters={
                <Form.Item name="grade" label={t('evaluation.gradeColumn')}>
                  <Select allowClear style={{ width: 110 }} options={GRADES.map((g) => ({ value: g, label: t(`evaluation.grade.${g}`) }))} />
                </Form.Item>
              }
              expandable={{ expandedRowRender: (e) => <EntryExplanation e={e} />, rowExpandable: (e) => e.score !== null }}
              columns={[
                {
                  title: t('evaluation.preview.space'),
                  key: 'space',
                  sorter: true,
                  render: (_, e) =>
                    timelines ? (
                      <Link to={`/app/space-timeline/${e.space.id}`} title={t('evaluation.rounds.timeline')}>
                        {e.space.name}
                      </Link>
                    ) : (
                      e.space.name
                    ),
                },
                { title: t('evaluation.region'), key: 'region', sorter: true, render: (_, e) => e.space.regionName },
                {
                  title: t('evaluation.rounds.status'),
                  key: 'status',
                  render: (_, e) => (
                    <Space size={4}>
                      <Tag>{t(`evaluation.rounds.statusValue.${e.status}`, { defaultValue: e.status })}</Tag>
                      {e.missed && (
                        <Tag color="red" title={t('evaluation.rounds.missedHint')}>
                          {t('evaluation.rounds.missed')}
                        </Tag>
                      )}
                    </Space>
                  ),
                },
                { title: t('evaluation.rounds.summary'), dataIndex: 'summaryDone', align: 'center', render: (d: boolean) => <Done done={d} /> },
                { title: t('evaluation.rounds.figures'), dataIndex: 'figuresConfirmed', align: 'center', render: (d: boolean) => <Done done={d} /> },
                { title: t('evaluation.preview.total'), key: 'total', sorter: true, align: 'right', dataIndex: 'total', render: (v: number | null) => (v === null ? '—' : t('evaluation.points', { points: v })) },
                {
                  title: t('evaluation.gradeColumn'),
                  render: (_, e) =>
                    e.grade ? (
                      <Space size={4}>
                        <GradeTag grade={e.grade} />
                        {e.gradeCorrected && <Tag color="orange">{t('evaluation.rounds.corrected')}</Tag>}
                      </Space>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
