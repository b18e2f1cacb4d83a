import { useQuery } from '@tanstack/react-query';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Col, Empty, Flex, Row, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { revocationApi, revocationKeys, type SpaceTimeline as Data } from '../../api/revocation';
import ChartCard from '../../components/ChartCard';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { formatDateTime, formatDay } from '../../lib/format';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const TONE_COLOURS = { good: 'green', bad: 'red', neutral: 'blue' } as const;
/** Money is stored in 元 and shown in 万元; counts as they are. */
const MONEY = new Set(['total_income', 'investment_total']);

/** The accepted annual returns' key figures over the years, as lines and as a table. */
function FiguresChart({ returns }: { returns: Data['returns'] }) {
  const { t } = useTranslation();
  const years = returns.filter((r) => r.cadence === 'annual' && r.state === 'accepted').reverse();
  const codes = [...new Set(years.flatMap((r) => Object.keys(r.figures)))] as (keyof Data['returns'][number]['figures'])[];
  const value = (r: Data['returns'][number], code: (typeof codes)[number]) => {
    const v = r.figures[code];
    return v === undefined ? null : MONEY.has(code) ? Math.round(v / 100) / 100 : v;
  };
  const label = (code: string) => `${t(`revocation.figures.${code}`)}（${MONEY.has(code) ? t('revocation.unitMoney') : t('revocation.unitCount')}）`;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 48, bottom: 24 },
    xAxis: { type: 'category', data: years.map((r) => r.period) },
    yAxis: { type: 'value' },
    series: codes.map((c) => ({ name: label(c), type: 'line', data: years.map((r) => value(r, c)) })),
  };
  const chart = years.length ? <ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge /> : <Empty description={t('revocation.noFigures')} />;
  const table = (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={years}
      columns={[{ title: t('revocation.period'), dataIndex: 'period' }, ...codes.map((c) => ({ title: label(c), key: c, align: 'right' as const, render: (_: unknown, r: Data['returns'][number]) => value(r, c) ?? '—' }))]}
    />
  );
  return <ChartCard testId="timeline-figures" title={t('revocation.figuresTitle')} chart={chart} table={table} />;
}

/** Lowest first, so the axis climbs from 不合格 to 优秀. */
const GRADE_AXIS = ['fail', 'pass', 'good', 'excellent'] as const;

/** The published grades over the years, one line per level that graded the space, and as a table with the score, the 文号 and why. */
function GradesChart({ grades }: { grades: Data['grades'] }) {
  const { t } = useTranslation();
  const years = [...new Set(grades.map((g) => g.year))].sort((a, b) => a - b);
  const levels = [...new Set(grades.map((g) => g.level))];
  const gradeName = (grade: Data['grades'][number]['grade']) => t(`revocation.gradeNames.${grade}`);
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { grade: Data['grades'][number] } }) => {
        const g = p.data.grade;
        const score = g.total === null ? '' : ` · ${t('revocation.score', { score: g.total })}`;
        return `${g.year} ${t(`revocation.gradeLevels.${g.level}`)}：${gradeName(g.grade)}${score}<br/>${g.list.documentNumber}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 40, bottom: 24 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'category', data: GRADE_AXIS.map(gradeName) },
    series: levels.map((level) => ({
      name: t(`revocation.gradeLevels.${level}`),
      type: 'line',
      symbolSize: 10,
      connectNulls: false,
      data: years.map((y) => {
        const g = grades.find((x) => x.year === y && x.level === level);
        return g ? { value: GRADE_AXIS.indexOf(g.grade), grade: g, itemStyle: { color: g.grade === 'fail' ? '#cf1322' : undefined } } : null;
      }),
    })),
  };
  const chart = grades.length ? <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge /> : <Empty description={t('revocation.noGrades')} />;
  const table = (
    <Table
      rowKey={(g) => `${g.year}-${g.level}`}
      size="small"
      pagination={false}
      dataSource={[...grades].reverse()}
      locale={{ emptyText: t('revocation.noGrades') }}
      columns={[
        { title: t('revocation.period'), dataIndex: 'year' },
        { title: t('revocation.gradeLevel'), dataIndex: 'level', render: (level: Data['grades'][number]['level']) => t(`revocation.gradeLevels.${level}`) },
        { title: t('revocation.gradeColumn'), dataIndex: 'grade', render: (grade: Data['grades'][number]['grade']) => <Tag color={grade === 'fail' ? 'red' : 'green'}>{gradeName(grade)}</Tag> },
        { title: t('revocation.scoreColumn'), dataIndex: 'total', align: 'right' as const, render: (total: number | null) => total ?? '—' },
        { title: t('revocation.gradeList'), key: 'list', render: (_: unknown, g: Data['grades'][number]) => `${g.list.documentNumber}（${g.list.issuedOn}）` },
        { title: t('revocation.gradeReason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? '—' },
      ]}
    />
  );
  return <ChartCard testId="timeline-grades" title={t('revocation.grades')} chart={chart} table={table} />;
}

/**
 * A space over the years for its supervising authority (动态管理): filings, statistics returns,
 * changes, credit records, revocation proposals and grades as one timeline, newest first, each
 * saying why; and the returns' key figures and the grades as charts.
 */
export default function SpaceTimeline() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: [revocationKeys.timeline, id], queryFn: () => revocationApi.timeline(id) });
  if (query.isLoading) return <PageSpinner />;
  if (query.error || !query.data) return <QueryError error={query.error} />;
  const d = query.data;
  return (
    <Card title={t('revocation.timelineTitle', { space: d.space.name })} extra={<Typography.Text type="secondary">{t('revocation.timeZone')}</Typography.Text>}>
      <Typography.Paragraph type="secondary">
        {d.space.regionName} · {d.space.operatorName}
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('revocation.history')}>
            {d.events.length ? (
              <Timeline
                data-testid="space-timeline"
                items={d.events.map((e) => ({
                  color: TONE_COLOURS[e.tone],
                  content: (
                    <>
                      <Typography.Text strong>{e.link ? <Link to={e.link}>{e.title}</Link> : e.title}</Typography.Text> <Tag>{t(`revocation.eventKinds.${e.kind}`)}</Tag>
                      <div>
                        <Typography.Text type="secondary">{e.onDay ? formatDay(e.at) : formatDateTime(e.at)}</Typography.Text>
                      </div>
                      {e.detail && <div>{e.detail}</div>}
                    </>
                  ),
                }))}
              />
            ) : (
              <Empty description={t('revocation.noHistory')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          {/* Each chart card fills its wrapper's height (ChartCard is made for grid cells): the wrappers keep them stacked inside the column. */}
          <Flex vertical gap={16}>
            <div>
              <FiguresChart returns={d.returns} />
            </div>
            <div>
              <GradesChart grades={d.grades} />
            </div>
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}
