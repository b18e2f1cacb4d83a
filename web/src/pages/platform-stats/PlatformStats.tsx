import { DownloadOutlined } from '@ant-design/icons';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Card, Col, Empty, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platformStatsXlsx, usePlatformStats, type PlatformStats as Stats } from '../../api/platformStats';
import ChartCard from '../../components/ChartCard';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** This year in Beijing time. */
const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const yuan = (fen: number) => Math.round(fen) / 100;
const grid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };

function Chart({ option }: { option: object }) {
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height: 280 }} notMerge />;
}

/** 服务平台统计: an authority's jurisdiction through its spaces' open service platform over a year, each chart with its table. */
export default function PlatformStats() {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear());
  const query = usePlatformStats(year);
  const data = query.data;
  const months = (data?.utilisation ?? []).map((m) => t('platformStats.month', { month: m.month }));
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);

  const header = (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('platformStats.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{data ? t('platformStats.subtitle', { region: data.regionName, year: data.year }) : t('platformStats.hint')}</Typography.Text>
        </div>
        <Flex gap={8}>
          <Select data-testid="stats-year" value={year} style={{ width: 120 }} onChange={setYear} options={years.map((y) => ({ value: y, label: t('platformStats.yearOption', { year: y }) }))} />
          <Button icon={<DownloadOutlined />} href={platformStatsXlsx(year)} data-testid="stats-export">
            {t('platformStats.export')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
  if (!data)
    return (
      <Flex vertical gap={16}>
        {header}
        {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : <PageSpinner />}
      </Flex>
    );
  return (
    <Flex vertical gap={16} data-testid="platform-stats">
      {header}
      <Totals data={data} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Utilisation data={data} months={months} />
        </Col>
        <Col xs={24} xl={12}>
          <TopResources data={data} />
        </Col>
        <Col xs={24} xl={12}>
          <Services data={data} months={months} />
        </Col>
        <Col xs={24} xl={12}>
          <Coaching data={data} months={months} />
        </Col>
      </Row>
    </Flex>
  );
}

function Totals({ data }: { data: Stats }) {
  const { t } = useTranslation();
  const s = data.totals;
  const items = [
    { key: 'utilisation', value: s.utilisation ?? '—', suffix: s.utilisation === null ? undefined : '%' },
    { key: 'bookedHours', value: s.bookedHours, suffix: t('platformStats.unit.hours') },
    { key: 'ordersDelivered', value: s.ordersDelivered, suffix: t('platformStats.unit.orders') },
    { key: 'income', value: yuan(s.incomeFen), suffix: t('platformStats.unit.yuan'), precision: 2 },
    { key: 'sessions', value: s.sessions, suffix: t('platformStats.unit.sessions') },
    { key: 'mentors', value: s.mentors, suffix: t('platformStats.unit.persons') },
  ];
  return (
    <Card size="small" data-testid="stats-totals">
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col xs={12} md={8} xl={4} key={i.key}>
            <Statistic title={t(`platformStats.totals.${i.key}`, { year: data.year })} value={i.value} suffix={i.suffix} precision={i.precision} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Utilisation({ data, months }: { data: Stats; months: string[] }) {
  const { t } = useTranslation();
  const rows = data.utilisation;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: t('platformStats.unit.hours') },
      { type: 'value', name: '%', max: 100, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('platformStats.col.bookedHours'), data: rows.map((m) => m.bookedHours) },
      { type: 'bar', name: t('platformStats.col.usedHours'), data: rows.map((m) => m.usedHours) },
      { type: 'line', name: t('platformStats.col.utilisation'), yAxisIndex: 1, data: rows.map((m) => m.utilisation ?? 0) },
    ],
  };
  const table = (
    <Table
      rowKey="month"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-utilisation"
      columns={[
        { title: t('platformStats.col.month'), dataIndex: 'month', render: (m: number) => t('platformStats.month', { month: m }) },
        { title: t('platformStats.col.bookedHours'), dataIndex: 'bookedHours', align: 'right' },
        { title: t('platformStats.col.usedHours'), dataIndex: 'usedHours', align: 'right' },
        { title: t('platformStats.col.openHours'), dataIndex: 'openHours', align: 'right' },
        { title: t('platformStats.col.utilisation'), dataIndex: 'utilisation', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
      ]}
    />
  );
  return <ChartCard testId="chart-utilisation" title={t('platformStats.charts.utilisation')} chart={<Chart option={option} />} table={table} />;
}

function TopResources({ data }: { data: Stats }) {
  const { t } = useTranslation();
  const rows = data.topResources;
  const ordered = [...rows].reverse();
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { ...grid, top: 16 },
    xAxis: { type: 'value', name: t('platformStats.unit.hours') },
    yAxis: { type: 'category', data: ordered.map((r) => r.name) },
    series: [{ type: 'bar', name: t('platformStats.col.usedHours'), data: ordered.map((r) => r.usedHours), label: { show: true, position: 'right' } }],
  };
  const table = (
    <Table
      rowKey="resourceId"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-top-resources"
      columns={[
        { title: t('platformStats.col.rank'), render: (_, __, i) => i + 1 },
        { title: t('platformStats.col.resource'), dataIndex: 'name' },
        { title: t('platformStats.col.space'), dataIndex: 'spaceName' },
        { title: t('platformStats.col.bookings'), dataIndex: 'bookings', align: 'right' },
        { title: t('platformStats.col.usedHours'), dataIndex: 'usedHours', align: 'right' },
      ]}
    />
  );
  const chart = rows.length ? <Chart option={option} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('platformStats.noResources')} style={{ height: 256, paddingTop: 60 }} />;
  return <ChartCard testId="chart-top-resources" title={t('platformStats.charts.topResources')} chart={chart} table={table} />;
}

function Services({ data, months }: { data: Stats; months: string[] }) {
  const { t } = useTranslation();
  const rows = data.services;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: t('platformStats.unit.orders'), minInterval: 1 },
      { type: 'value', name: t('platformStats.unit.yuan'), splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('platformStats.col.ordersRequested'), data: rows.map((m) => m.ordersRequested) },
      { type: 'bar', name: t('platformStats.col.ordersDelivered'), data: rows.map((m) => m.ordersDelivered) },
      { type: 'line', name: t('platformStats.col.income'), yAxisIndex: 1, data: rows.map((m) => yuan(m.incomeFen)) },
    ],
  };
  const table = (
    <Table
      rowKey="month"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-services"
      columns={[
        { title: t('platformStats.col.month'), dataIndex: 'month', render: (m: number) => t('platformStats.month', { month: m }) },
        { title: t('platformStats.col.ordersRequested'), dataIndex: 'ordersRequested', align: 'right' },
        { title: t('platformStats.col.ordersDelivered'), dataIndex: 'ordersDelivered', align: 'right' },
        { title: t('platformStats.col.income'), dataIndex: 'incomeFen', align: 'right', render: (v: number) => yuan(v).toFixed(2) },
      ]}
    />
  );
  return <ChartCard testId="chart-services" title={t('platformStats.charts.services')} chart={<Chart option={option} />} table={table} />;
}

function Coaching({ data, months }: { data: Stats; months: string[] }) {
  const { t } = useTranslation();
  const rows = data.coaching;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: t('platformStats.unit.sessions'), minInterval: 1 },
      { type: 'value', name: t('platformStats.unit.hours'), splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('platformStats.col.sessions'), data: rows.map((m) => m.sessions) },
      { type: 'line', name: t('platformStats.col.sessionHours'), yAxisIndex: 1, data: rows.map((m) => m.hours) },
    ],
  };
  const table = (
    <Table
      rowKey="month"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-coaching"
      columns={[
        { title: t('platformStats.col.month'), dataIndex: 'month', render: (m: number) => t('platformStats.month', { month: m }) },
        { title: t('platformStats.col.sessions'), dataIndex: 'sessions', align: 'right' },
        { title: t('platformStats.col.sessionHours'), dataIndex: 'hours', align: 'right' },
        { title: t('platformStats.col.mentors'), dataIndex: 'mentors', align: 'right' },
      ]}
    />
  );
  return <ChartCard testId="chart-coaching" title={t('platformStats.charts.coaching', { mentors: data.totals.mentors, industry: data.totals.industryMentors })} chart={<Chart option={option} />} table={table} />;
}
