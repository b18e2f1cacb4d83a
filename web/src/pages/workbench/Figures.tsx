import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Card, Col, Empty, Row, Statistic, Table, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../api/applications';
import type { Figures as FiguresData } from '../../api/workbench';
import ChartCard from '../../components/ChartCard';

// Only the parts these two charts draw, so the chunk stays small.
echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Token = ReturnType<typeof theme.useToken>['token'];

/** The state colours of the application status tags (pages/applications/parts.tsx), as chart colours. */
const STATE_COLOR: Record<ApplicationStatus, (t: Token) => string> = {
  draft: (t) => t.gold,
  submitted: (t) => t.green,
  withdrawn: (t) => t.colorTextQuaternary,
  in_review: (t) => t.blue,
  returned: (t) => t.orange,
  in_public_notice: (t) => t.purple,
  rejected: (t) => t.red,
  filed: (t) => t.colorSuccess,
  cancelled_for_fraud: (t) => t.colorError,
};

interface Row {
  key: string;
  label: string;
  count: number;
}

/** A chart over category counts, with the same counts as a table. */
function CountsCard({ title, rows, chart, testId }: { title: string; rows: Row[]; chart: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const table = (
    <Table<Row>
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('workbench.figures.category'), dataIndex: 'label' },
        { title: t('workbench.figures.count'), dataIndex: 'count', align: 'right' },
      ]}
    />
  );
  return <ChartCard title={title} testId={testId} chart={chart} table={table} />;
}

/** An authority's jurisdiction at a glance: headline figures, spaces by filing level, this year's applications by state. */
export default function Figures({ figures }: { figures: FiguresData }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const filed = figures.spaces.byLevel;
  const spaceRows: Row[] = [
    { key: 'registered', label: t('workbench.figures.registeredBar'), count: figures.spaces.registered },
    ...filed.map((l) => ({ key: l.level, label: t(`workbench.figures.filed.${l.level}`), count: l.count })),
  ];
  const stateRows: Row[] = figures.applications.byStatus.map((s) => ({ key: s.status, label: t(`applications.status.${s.status}`), count: s.count }));
  const unitSpaces = t('workbench.figures.unitSpaces');
  const unitApplications = t('workbench.figures.unitApplications');

  const spacesOption = {
    color: [token.colorPrimary],
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: spaceRows.map((r) => r.label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', barMaxWidth: 40, data: spaceRows.map((r) => r.count), label: { show: true, position: 'top' } }],
  };
  const statesOption = {
    tooltip: { trigger: 'item', formatter: `{b}：{c} ${unitApplications}（{d}%）` },
    legend: { orient: 'vertical', right: 0, top: 'middle' },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        center: ['35%', '50%'],
        label: { show: false },
        data: figures.applications.byStatus.map((s) => ({ name: t(`applications.status.${s.status}`), value: s.count, itemStyle: { color: STATE_COLOR[s.status](token) } })),
      },
    ],
  };

  return (
    <Card title={t('workbench.figures.title', { region: figures.regionName })} data-testid="jurisdiction-figures">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('workbench.figures.registered')} value={figures.spaces.registered} suffix={unitSpaces} />
        </Col>
        {filed.map((l) => (
          <Col xs={12} md={8} xl={4} key={l.level}>
            <Statistic title={t(`workbench.figures.filed.${l.level}`)} value={l.count} suffix={unitSpaces} />
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Statistic title={t('workbench.figures.applications', { year: figures.year })} value={figures.applications.total} suffix={unitApplications} />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <CountsCard
            testId="chart-spaces"
            title={t('workbench.figures.spacesChart')}
            rows={spaceRows}
            chart={<ReactEChartsCore echarts={echarts} option={spacesOption} style={{ height: 240 }} notMerge />}
          />
        </Col>
        <Col xs={24} lg={12}>
          <CountsCard
            testId="chart-applications"
            title={t('workbench.figures.applicationsChart', { year: figures.year })}
            rows={stateRows}
            chart={
              stateRows.length ? (
                <ReactEChartsCore echarts={echarts} option={statesOption} style={{ height: 240 }} notMerge />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.figures.noApplications')} style={{ height: 216, paddingTop: 40 }} />
              )
            }
          />
        </Col>
      </Row>
    </Card>
  );
}
