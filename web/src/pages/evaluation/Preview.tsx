import { Alert, Col, Descriptions, Form, InputNumber, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluationApi, type Grade, GRADES, type PreviewPage, type PreviewSpace, type SchemeDetail } from '../../api/evaluation';
import { PagedTable } from '../../components/PagedTable';
import { currentLanguage } from '../../i18n';
import { GradeChart } from './GradeChart';
import { GradeTag } from './parts';

/** Where every point of one space came from, item by item, in the words of an evaluation report. */
function Explanation({ s }: { s: PreviewSpace }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  const line = (i: PreviewSpace['items'][number]) => (
    <List.Item key={i.key} extra={<Tag>{t('evaluation.points', { points: i.points })}</Tag>}>
      {en ? i.explanationEn : i.explanation}
    </List.Item>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`explanation-${s.spaceName}`}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'indicators', label: t('evaluation.preview.indicatorPoints'), children: t('evaluation.points', { points: s.indicatorPoints }) },
          { key: 'bonus', label: t('evaluation.preview.bonusPoints'), children: t('evaluation.points', { points: s.bonusPoints }) },
          { key: 'reason', label: t('evaluation.preview.gradeReason'), children: en ? s.gradeReasonEn : s.gradeReason },
        ]}
      />
      {s.vetoes.length > 0 && <Alert type="error" showIcon title={t('evaluation.preview.vetoed', { vetoes: s.vetoes.map((v) => (en ? v.labelEn : v.label)).join(t('common.separator')) })} />}
      <List size="small" bordered dataSource={s.items} renderItem={line} />
      {s.bonus.length > 0 && <List size="small" bordered header={t('evaluation.bonus')} dataSource={s.bonus} renderItem={line} />}
    </Space>
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
