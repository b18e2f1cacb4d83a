import { Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { platformStatsXlsx, usePlatformStats, type PlatformStats as Stats } from '../../api/platformStats';
import ChartCard from '../../components/ChartCard';
import { chartGrid, EmptyChart, ReportCards, ReportChart, ReportPage, StatTiles, thisYear, YearSelect } from '../../components/ReportPage';

const yuan = (fen: number) => Math.round(fen) / 100;

/** 服务平台统计: an authority's jurisdiction through its spaces' open service platform over a year, each chart with its table. */
export default function PlatformStats() {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear());
  const query = usePlatformStats(year);
  const data = query.data;
  const months = (data?.utilisation ?? []).map((m) => t('platformStats.month', { month: m.month }));
  return (
    <ReportPage
      title={t('platformStats.title')}
      subtitle={<Typography.Text type="secondary">{data ? t('platformStats.subtitle', { region: data.regionName, year: data.year }) : t('platformStats.hint')}</Typography.Text>}
      filters={<YearSelect testId="stats-year" value={year} onChange={setYear} count={5} label={(y) => t('platformStats.yearOption', { year: y })} />}
      exportHref={platformStatsXlsx(year)}
      exportLabel={t('platformStats.export')}
      exportTestId="stats-export"
      query={query}
      testId="platform-stats"
    >
      {(data) => (
        <>
          <Totals data={data} />
          <ReportCards
            cards={[
              { key: 'utilisation', card: <Utilisation data={data} months={months} /> },
              { key: 'top-resources', card: <TopResources data={data} /> },
              { key: 'services', card: <Services data={data} months={months} /> },
              { key: 'coaching', card: <Coaching data={data} months={months} /> },
            ]}
          />
        </>
      )}
    </ReportPage>
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
  return <StatTiles testId="stats-totals" col={{ xs: 12, md: 8, xl: 4 }} items={items.map((i) => ({ ...i, title: t(`platformStats.totals.${i.key}`, { year: data.year }) }))} />;
}

function Utilisation({ data, months }: { data: Stats; months: string[] }) {
  const { t } = useTranslation();
  const rows = data.utilisation;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
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
  return <ChartCard testId="chart-utilisation" title={t('platformStats.charts.utilisation')} chart={<ReportChart option={option} />} table={table} />;
}

function TopResources({ data }: { data: Stats }) {
  const { t } = useTranslation();
  const rows = data.topResources;
  const ordered = [...rows].reverse();
  const option = {
    tooltip: { trigger: 'axis' },
    grid: { ...chartGrid, top: 16 },
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
  const chart = rows.length ? <ReportChart option={option} /> : <EmptyChart description={t('platformStats.noResources')} />;
  return <ChartCard testId="chart-top-resources" title={t('platformStats.charts.topResources')} chart={chart} table={table} />;
}

function Services({ data, months }: { data: Stats; months: string[] }) {
  const { t } = useTranslation();
  const rows = data.services;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
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
  return <ChartCard testId="chart-services" title={t('platformStats.charts.services')} chart={<ReportChart option={option} />} table={table} />;
}

function Coaching({ data, months }: { data: Stats; months: string[] }) {
  const { t } = useTranslation();
  const rows = data.coaching;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
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
  return <ChartCard testId="chart-coaching" title={t('platformStats.charts.coaching', { mentors: data.totals.mentors, industry: data.totals.industryMentors })} chart={<ReportChart option={option} />} table={table} />;
}
