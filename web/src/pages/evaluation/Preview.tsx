import { Alert, Col, Form, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluationApi, type Grade, GRADES, type PreviewPage, type PreviewSpace, type SchemeDetail } from '../../api/evaluation';
import { PagedTable } from '../../components/PagedTable';
import { currentLanguage } from '../../i18n';
import { GradeChart } from './GradeChart';
import { GradeTag, ScoreExplanation } from './parts';

/** The preview's explanation of one space, as every score is explained. */
function Explanation({ s }: { s: PreviewSpace }) {
  const en = currentLanguage() === 'en-US';
  const line = (i: PreviewSpace['items'][number]) => ({ key: i.key, points: i.points, text: en ? i.explanationEn : i.explanation });
  return (
    <ScoreExplanation
      testId={`explanation-${s.spaceName}`}
      indicatorPoints={s.indicatorPoints}
      bonusPoints={s.bonusPoints}
      gradeReason={en ? s.gradeReasonEn : s.gradeReason}
      vetoes={s.vetoes.map((v) => (en ? v.labelEn : v.label))}
      items={s.items.map(line)}
      bonus={s.bonus.map(line)}
    />
  );
}

/**
 * 预览: the scheme as saved, scored on a past year's figures of the reader's jurisdiction — the grade
 * distribution of all spaces and a page of them, each with every point explained one click away.
 */
export function Preview({ detail, unsaved }: { detail: SchemeDetail; unsaved: boolean }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(detail.year - 1);
  const [answer, setAnswer] = useState<PreviewPage>();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Alert type={unsaved ? 'warning' : 'info'} showIcon title={unsaved ? t('evaluation.preview.unsaved') : t('evaluation.preview.intro', { year })} />
      <Form layout="inline">
        <Form.Item label={t('evaluation.preview.year')}>
          <InputNumber aria-label={t('evaluation.preview.year')} min={2015} max={2100} value={year} onChange={(v) => v && setYear(v)} />
        </Form.Item>
        {answer && <Typography.Text type="secondary">{t('evaluation.preview.scored', { count: answer.spacesTotal, year: answer.year })}</Typography.Text>}
      </Form>
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <GradeChart testId="preview-distribution" title={t('evaluation.preview.distribution')} distribution={answer?.distribution ?? GRADES.map((grade) => ({ grade, count: 0 }))} />
        </Col>
        <Col xs={24} xl={15}>
          <PagedTable<PreviewSpace, { grade?: Grade }, PreviewPage, { year: number; revision: number }>
            queryKey={`evaluation-preview-${detail.id}`}
            // The revision is in the query key only, so a saved edit scores afresh; the year goes in the body.
            fixed={{ year, revision: detail.revision }}
            list={({ year: y, revision: _revision, ...query }) => evaluationApi.preview(detail.id, { year: y }, query)}
            onData={setAnswer}
            rowKey="spaceId"
            emptyText={t('evaluation.preview.empty')}
            filters={
              <Form.Item name="grade" label={t('evaluation.gradeColumn')}>
                <Select allowClear style={{ width: 110 }} options={GRADES.map((g) => ({ value: g, label: t(`evaluation.grade.${g}`) }))} />
              </Form.Item>
            }
            expandable={{ expandedRowRender: (s) => <Explanation s={s} /> }}
            columns={[
              { title: t('evaluation.preview.space'), key: 'name', sorter: true, dataIndex: 'spaceName' },
              { title: t('evaluation.region'), dataIndex: 'regionName' },
              { title: t('evaluation.preview.total'), key: 'total', sorter: true, align: 'right', dataIndex: 'total', render: (v: number) => t('evaluation.points', { points: v }) },
              { title: t('evaluation.gradeColumn'), dataIndex: 'grade', render: (g: Grade, s) => (
                <Space size={4}>
                  <GradeTag grade={g} />
                  {s.missingReturn && <Tag>{t('evaluation.preview.noReturn')}</Tag>}
                </Space>
              ) },
            ]}
          />
        </Col>
      </Row>
    </Space>
  );
}
