import { useQuery } from '@tanstack/react-query';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Col, Empty, Row, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { revocationApi, revocationKeys, type SpaceTimeline as Data } from '../../api/revocation';
import ChartCard from '../../components/ChartCard';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';

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

/**
 * A space over the years for its supervising authority (动态管理): filings, statistics returns,
 * changes, credit records, revocation proposals and grades as one timeline, newest first, each
 * saying why; and the returns' key figures as a chart.
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
                        <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
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
          <FiguresChart returns={d.returns} />
          <Card size="small" title={t('revocation.grades')} style={{ marginTop: 16 }}>
            {d.grades.length ? (
              d.grades.map((g) => (
                // A space filed at several levels may be graded by each: the level is named, the reason shown on hover.
                <Tooltip key={`${g.year}-${g.level}`} title={g.reason}>
                  <Tag color={g.grade === 'fail' ? 'red' : 'green'}>{`${g.year} ${t(`revocation.gradeLevels.${g.level}`)} ${t(`revocation.gradeNames.${g.grade}`)}`}</Tag>
                </Tooltip>
              ))
            ) : (
              <Typography.Text type="secondary">{t('revocation.noGrades')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
