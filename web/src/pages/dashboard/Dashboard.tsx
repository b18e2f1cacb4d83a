import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { Breadcrumb, Button, Card, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { currentLanguage } from '../../i18n';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can } from '../../api/session';
import { dashboardXlsx, useDashboard, useDashboardMap, type Dashboard as Data, type DashboardGroup } from '../../api/dashboards';
import ChartCard from '../../components/ChartCard';
import { PageSpinner } from '../../components/PageSpinner';
import ProvinceTileGrid from '../../components/ProvinceTileGrid';
import { QueryError } from '../../components/QueryError';
import { chartGrid, EmptyChart, ReportCards, ReportChart, ReportPage, StatTiles, thisYear, YearSelect } from '../../components/ReportPage';
import { useCurrentUser } from '../../app/currentUser';
import MapUploadModal from './MapUploadModal';

// The uploaded map of a jurisdiction; the report frame registers the bars and lines.
echarts.use([MapChart, VisualMapComponent]);

/**
 * 数据看板: an authority's jurisdiction — filed spaces, applications and returns, indicators, grades,
 * changes, supports, activity, survival and the incubation chain's flows — by child region, drilled
 * down region by region to the spaces (clicking a region's row, bar or tile); each chart with its
 * table and the Excel workbook.
 */
export default function Dashboard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const year = Number(params.get('year')) || thisYear();
  const [uploading, setUploading] = useState(false);
  const query = useDashboard(region, year);
  const data = query.data;
  const go = (next: { region?: string; year?: number }) => {
    const p = new URLSearchParams(params);
    if (next.region) p.set('region', next.region);
    if (next.year) p.set('year', String(next.year));
    setParams(p);
  };
  const drill = (key: string) => {
    if (data?.groupBy === 'region' && key !== data.region.code) go({ region: key });
  };
  const exportButton = (
    <Button size="small" type="link" icon={<DownloadOutlined />} href={dashboardXlsx(region, year)} data-testid="chart-export">
      {t('dashboard.exportShort')}
    </Button>
  );
  const subtitle = data ? (
    <Breadcrumb
      data-testid="dashboard-trail"
      items={data.region.trail.map((r, i) => ({
        title: i === data.region.trail.length - 1 ? r.name : <a onClick={() => go({ region: r.code })}>{r.name}</a>,
      }))}
    />
  ) : (
    <Typography.Text type="secondary">{t('dashboard.hint')}</Typography.Text>
  );
  const filters = (
    <>
      <YearSelect testId="dashboard-year" value={year} onChange={(y) => go({ year: y })} count={6} label={(y) => t('dashboard.yearOption', { year: y })} />
      {can(me, 'dashboard.map_upload') && (
        <Button icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="map-upload">
          {t('dashboard.map.upload')}
        </Button>
      )}
      <MapUploadModal open={uploading} onClose={() => setUploading(false)} />
    </>
  );
  return (
    <ReportPage title={t('dashboard.title')} subtitle={subtitle} filters={filters} exportHref={dashboardXlsx(region, year)} exportLabel={t('dashboard.export')} exportTestId="dashboard-export" query={query} testId="dashboard">
      {(data) => (
        <>
          <Kpis data={data} />
          <ReportCards
            cards={[
              { key: 'map', xl: 10, card: <MapCard data={data} onSelect={drill} /> },
              { key: 'groups', xl: 14, card: <Groups data={data} onSelect={drill} extra={exportButton} /> },
              { key: 'filed', card: <Filed data={data} extra={exportButton} /> },
              { key: 'states', card: <States data={data} extra={exportButton} /> },
              { key: 'indicators', card: <Indicators data={data} extra={exportButton} /> },
              { key: 'grades', card: <Grades data={data} extra={exportButton} /> },
              { key: 'supports', card: <Supports data={data} extra={exportButton} /> },
              { key: 'activity', card: <Activity data={data} extra={exportButton} /> },
              { key: 'survival', card: <Survival data={data} extra={exportButton} /> },
              { key: 'startupSurvival', card: <StartupSurvival data={data} extra={exportButton} /> },
              { key: 'chainFlows', xl: 24, card: <ChainFlows data={data} onSelect={drill} extra={exportButton} /> },
            ]}
          />
        </>
      )}
    </ReportPage>
  );
}

function Kpis({ data }: { data: Data }) {
  const { t } = useTranslation();
  const k = data.kpis;
  const items: { key: string; value: number; suffix?: string; precision?: number }[] = [
    { key: 'filedSpaces', value: k.filedSpaces },
    { key: 'applications', value: k.applications },
    { key: 'applicationsOverdue', value: k.applicationsOverdue },
    { key: 'returnsAccepted', value: k.returnsAccepted },
    { key: 'returnsMissed', value: k.returnsMissed },
    { key: 'supportsAmount', value: Math.round(k.supportsAmountYuan / 100) / 100, suffix: t('dashboard.unit.tenThousandYuan'), precision: 2 },
    { key: 'eventsHeld', value: k.eventsHeld },
    { key: 'bookings', value: k.bookings },
  ];
  return <StatTiles testId="dashboard-kpis" col={{ xs: 12, md: 6, xl: 3 }} items={items.map((i) => ({ ...i, title: t(`dashboard.kpi.${i.key}`, { year: data.year }) }))} />;
}

/** The tile grid of the provinces (the national view, or one's province lit), or the uploaded map with its 审图号. */
function MapCard({ data, onSelect }: { data: Data; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const unit = t('dashboard.unit.spaces');
  if (data.map) return <UploadedMap data={data} onSelect={onSelect} />;
  const national = data.region.code === '000000';
  const province = data.region.provinceCode;
  const values: Record<string, number> = national ? Object.fromEntries(data.groups.map((g) => [g.key, g.filed])) : province ? { [province]: data.kpis.filedSpaces } : {};
  return (
    <Card size="small" title={t('dashboard.charts.map')} style={{ height: '100%' }}>
      <ProvinceTileGrid values={values} unit={unit} onSelect={national ? onSelect : undefined} selected={province ?? undefined} />
    </Card>
  );
}

function UploadedMap({ data, onSelect }: { data: Data; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const meta = data.map!;
  const mapQuery = useDashboardMap(data.region.code, String(meta.uploadedAt));
  const key = `hatchery-${meta.regionCode}-${String(meta.uploadedAt)}`;
  if (mapQuery.data && !echarts.getMap(key)) echarts.registerMap(key, mapQuery.data.geojson as never);
  const values = data.groups.map((g) => ({ name: g.key, value: g.filed, label: g.name }));
  const option = {
    tooltip: { trigger: 'item', formatter: (p: { data?: { label: string; value: number } }) => (p.data ? `${p.data.label}：${p.data.value}` : '') },
    visualMap: { min: 0, max: Math.max(1, ...values.map((v) => v.value)), left: 8, bottom: 8, calculable: true, inRange: { color: ['#e6f4ff', '#0958d9'] } },
    series: [{ type: 'map', map: key, nameProperty: 'code', roam: true, data: values }],
  };
  return (
    <Card size="small" title={t('dashboard.charts.map')} style={{ height: '100%' }} data-testid="uploaded-map">
      {mapQuery.isError ? <QueryError error={mapQuery.error} /> : mapQuery.data ? <ReportChart option={option} height={340} onClick={onSelect} /> : <PageSpinner />}
      <Typography.Text type="secondary" style={{ display: 'block', textAlign: 'center', fontSize: 12 }} data-testid="map-approval-no">
        {t('dashboard.map.approvalNo', { no: meta.approvalNo })}
      </Typography.Text>
    </Card>
  );
}

function Groups({ data, onSelect, extra }: { data: Data; onSelect: (key: string) => void; extra: ReactNode }) {
  const { t } = useTranslation();
  const bySpace = data.groupBy === 'space';
  const rows = data.groups;
  const num = (key: keyof DashboardGroup, title: string) => ({ title, dataIndex: key, align: 'right' as const, sorter: (a: DashboardGroup, b: DashboardGroup) => Number(a[key]) - Number(b[key]) });
  const columns: ColumnsType<DashboardGroup> = [
    { title: bySpace ? t('dashboard.col.space') : t('dashboard.col.region'), dataIndex: 'name', render: (name: string, g) => (bySpace || g.key === data.region.code ? name : <a onClick={() => onSelect(g.key)}>{name}</a>) },
    num('filed', t('dashboard.col.filed')),
    num('national', t('dashboard.level.national')),
    num('province', t('dashboard.level.province')),
    num('applications', t('dashboard.col.applications')),
    num('applicationsOverdue', t('dashboard.col.overdue')),
    num('returnsAccepted', t('dashboard.col.returnsAccepted')),
    num('returnsMissed', t('dashboard.col.returnsMissed')),
    num('changesOverdue', t('dashboard.col.changesOverdue')),
    num('supportsAmount', t('dashboard.col.supportsAmount')),
    num('events', t('dashboard.col.events')),
    num('bookings', t('dashboard.col.bookings')),
  ];
  const table = (
    <Table
      rowKey="key"
      size="small"
      dataSource={rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
      data-testid="table-groups"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.empty')} /> }}
      onRow={(g) => ({ onClick: () => !bySpace && onSelect(g.key), style: bySpace ? undefined : { cursor: 'pointer' } })}
    />
  );
  const shown = [...rows].sort((a, b) => b.filed - a.filed).slice(0, 15).reverse();
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((g) => g.name) },
    series: [
      { type: 'bar', stack: 'filed', name: t('dashboard.level.national'), data: shown.map((g) => g.national) },
      { type: 'bar', stack: 'filed', name: t('dashboard.level.province'), data: shown.map((g) => g.province) },
      { type: 'bar', stack: 'filed', name: t('dashboard.level.city'), data: shown.map((g) => g.city) },
    ],
  };
  const byName = new Map(rows.map((g) => [g.name, g.key]));
  const chart = rows.length ? <ReportChart option={option} height={340} onClick={(name) => byName.has(name) && onSelect(byName.get(name)!)} /> : <Empty description={t('dashboard.empty')} />;
  return <ChartCard testId="chart-groups" title={bySpace ? t('dashboard.charts.bySpace') : t('dashboard.charts.byRegion')} chart={chart} table={table} extra={extra} />;
}

function Filed({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const rows = [...data.filed.byLevel.map((r) => ({ key: `level-${r.level}`, name: t(`dashboard.level.${r.level}`), count: r.count })), ...data.filed.byType.map((r) => ({ key: `type-${r.type}`, name: t(`dashboard.type.${r.type}`), count: r.count }))];
  const option = { tooltip: { trigger: 'axis' }, grid: { ...chartGrid, top: 16 }, xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 20 } }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', name: t('dashboard.col.filed'), data: rows.map((r) => r.count), label: { show: true, position: 'top' } }] };
  const table = <SimpleTable rows={rows} testId="table-filed" nameTitle={t('dashboard.col.category')} countTitle={t('dashboard.col.filed')} />;
  return <ChartCard testId="chart-filed" title={t('dashboard.charts.filed', { total: data.filed.total })} chart={<ReportChart option={option} />} table={table} extra={extra} />;
}

function States({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const states = [...new Set([...data.applications.byState.map((s) => s.state), ...data.returns.byState.map((s) => s.state)])];
  const countOf = (list: { state: string; count: number }[], s: string) => list.find((x) => x.state === s)?.count ?? 0;
  const name = (s: string) => t(`dashboard.state.${s}`, { defaultValue: s });
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'category', data: states.map(name), axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: t('dashboard.col.applications'), data: states.map((s) => countOf(data.applications.byState, s)) },
      { type: 'bar', name: t('dashboard.col.returns'), data: states.map((s) => countOf(data.returns.byState, s)) },
    ],
  };
  const rows = [
    ...states.map((s) => ({ key: s, name: name(s), applications: countOf(data.applications.byState, s), returns: countOf(data.returns.byState, s) })),
    { key: 'overdue', name: t('dashboard.col.overdue'), applications: data.applications.overdue, returns: data.returns.overdue },
  ];
  const table = (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-states"
      columns={[
        { title: t('dashboard.col.state'), dataIndex: 'name' },
        { title: t('dashboard.col.applications'), dataIndex: 'applications', align: 'right' },
        { title: t('dashboard.col.returns'), dataIndex: 'returns', align: 'right' },
      ]}
    />
  );
  const chart = states.length ? <ReportChart option={option} /> : <EmptyChart description={t('dashboard.noSubmissions', { year: data.year })} />;
  return <ChartCard testId="chart-states" title={t('dashboard.charts.states', { year: data.year })} chart={chart} table={table} extra={extra} />;
}

function Indicators({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const bySpace = data.groupBy === 'space';
  const groupName = new Map(data.groups.map((g) => [g.key, g.name]));
  // Against peers: each region below (or each space at a leaf) beside the others and their average.
  const rows = data.indicators.map((i) => ({
    ...i,
    name: `${english ? i.labelEn : i.label}（${english ? i.unitEn : i.unit}）`,
    change: i.previous ? Math.round(((i.total - i.previous) / i.previous) * 1000) / 10 : null,
    average: i.byGroup.length ? Math.round((i.byGroup.reduce((sum, g) => sum + g.total, 0) / i.byGroup.length) * 100) / 100 : null,
    peers: i.byGroup.map((g) => ({ ...g, name: groupName.get(g.key) ?? g.key })).sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
  }));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: rows.map((r) => r.name) },
    series: [
      { type: 'bar', name: t('dashboard.yearOption', { year: data.year - 1 }), data: rows.map((r) => r.previous) },
      { type: 'bar', name: t('dashboard.yearOption', { year: data.year }), data: rows.map((r) => r.total) },
    ],
  };
  const table = (
    <Table
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-indicators"
      expandable={{
        rowExpandable: (r) => r.peers.length > 0,
        expandedRowRender: (r) => (
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={r.peers}
            data-testid={`peers-${r.code}`}
            columns={[
              { title: bySpace ? t('dashboard.col.space') : t('dashboard.col.region'), dataIndex: 'name' },
              { title: t('dashboard.yearOption', { year: data.year }), dataIndex: 'total', align: 'right' },
            ]}
          />
        ),
      }}
      columns={[
        { title: t('dashboard.col.indicator'), dataIndex: 'name' },
        { title: t('dashboard.yearOption', { year: data.year }), dataIndex: 'total', align: 'right' },
        { title: t('dashboard.yearOption', { year: data.year - 1 }), dataIndex: 'previous', align: 'right' },
        { title: t('dashboard.col.change'), dataIndex: 'change', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${v}%`) },
        { title: t('dashboard.col.returnsCount'), dataIndex: 'returns', align: 'right' },
        { title: bySpace ? t('dashboard.col.peerAverageSpace') : t('dashboard.col.peerAverageRegion'), dataIndex: 'average', align: 'right', render: (v: number | null) => v ?? '—' },
      ]}
    />
  );
  return <ChartCard testId="chart-indicators" title={t('dashboard.charts.indicators')} chart={<ReportChart option={option} height={320} />} table={table} extra={extra} />;
}

function Grades({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const rows = [
    ...data.grades.map((g) => ({ key: `grade-${g.grade}`, name: t(`dashboard.grade.${g.grade}`), count: g.count })),
    ...data.proposals.map((p) => ({ key: `proposal-${p.status}`, name: t(`dashboard.proposal.${p.status}`), count: p.count })),
    { key: 'changes-open', name: t('dashboard.changes.open'), count: data.changes.open },
    { key: 'changes-overdue', name: t('dashboard.changes.overdue'), count: data.changes.overdue },
    { key: 'changes-late', name: t('dashboard.changes.late'), count: data.changes.late },
  ];
  const option = { tooltip: { trigger: 'axis' }, grid: { ...chartGrid, top: 16 }, xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 }, series: [{ type: 'bar', name: t('dashboard.col.count'), data: rows.map((r) => r.count) }] };
  const table = <SimpleTable rows={rows} testId="table-grades" nameTitle={t('dashboard.col.item')} countTitle={t('dashboard.col.count')} />;
  return <ChartCard testId="chart-grades" title={t('dashboard.charts.grades', { year: data.year })} chart={<ReportChart option={option} />} table={table} extra={extra} />;
}

function Supports({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const rows = data.supports.byGrantor.map((r) => ({ ...r, key: `${r.grantorId}-${r.category}`, categoryName: t(`policies.category.${r.category}`) }));
  const grantors = [...new Set(rows.map((r) => r.grantorName))];
  const categories = [...new Set(rows.map((r) => r.categoryName))];
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'value', name: t('dashboard.unit.yuan') },
    yAxis: { type: 'category', data: grantors },
    series: categories.map((c) => ({ type: 'bar', stack: 'amount', name: c, data: grantors.map((g) => rows.find((r) => r.grantorName === g && r.categoryName === c)?.amountYuan ?? 0) })),
  };
  const table = (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-supports"
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noSupports')} /> }}
      columns={[
        { title: t('dashboard.col.grantor'), dataIndex: 'grantorName' },
        { title: t('dashboard.col.category'), dataIndex: 'categoryName' },
        { title: t('dashboard.col.count'), dataIndex: 'count', align: 'right' },
        { title: t('dashboard.col.amountYuan'), dataIndex: 'amountYuan', align: 'right', render: (v: number) => v.toFixed(2) },
        { title: t('dashboard.col.alerted'), dataIndex: 'alerted', align: 'right', render: (v: number) => (v ? <Link to="/app/support-alerts?state=open">{v}</Link> : 0) },
      ]}
    />
  );
  const chart = rows.length ? <ReportChart option={option} /> : <EmptyChart description={t('dashboard.noSupports')} />;
  // The country has thousands of departments × categories: the largest are listed, the export holds all.
  const shown =
    data.supports.grantorRows > rows.length ? (
      <>
        {table}
        <Typography.Text type="secondary" data-testid="supports-truncated">
          {t('dashboard.supportsTruncated', { shown: rows.length, total: data.supports.grantorRows })}
        </Typography.Text>
      </>
    ) : (
      table
    );
  return <ChartCard testId="chart-supports" title={t('dashboard.charts.supports', { year: data.year, count: data.supports.count })} chart={chart} table={shown} extra={extra} />;
}

function Activity({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const a = data.activity;
  const rows = [
    { key: 'events', name: t('dashboard.activity.events'), count: a.events },
    { key: 'signups', name: t('dashboard.activity.signups'), count: a.signups },
    { key: 'checkedIn', name: t('dashboard.activity.checkedIn'), count: a.checkedIn },
    { key: 'bookings', name: t('dashboard.activity.bookings'), count: a.bookings },
    { key: 'bookingHours', name: t('dashboard.activity.bookingHours'), count: a.bookingHours },
  ];
  const option = { tooltip: { trigger: 'axis' }, grid: { ...chartGrid, top: 16 }, xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0 } }, yAxis: { type: 'value' }, series: [{ type: 'bar', name: t('dashboard.col.count'), data: rows.map((r) => r.count), label: { show: true, position: 'top' } }] };
  const table = <SimpleTable rows={rows} testId="table-activity" nameTitle={t('dashboard.col.item')} countTitle={t('dashboard.col.count')} />;
  return <ChartCard testId="chart-activity" title={t('dashboard.charts.activity', { year: data.year })} chart={<ReportChart option={option} />} table={table} extra={extra} />;
}

/** Cohort charts: counts on the left axis, rates in percent on the right. */
const COUNT_AND_PERCENT_AXES = [
  { type: 'value', minInterval: 1 },
  { type: 'value', name: '%', max: 100, splitLine: { show: false } },
];

/** Startup survival by entry year, as the roster counts it; a cohort whose Y+k has not ended shows no S(k). */
function StartupSurvival({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const rows = data.startupSurvival.cohorts;
  const percent = (r: { rate: number | null }) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)) },
    yAxis: COUNT_AND_PERCENT_AXES,
    series: [
      { type: 'bar', name: t('dashboard.col.entrants'), data: rows.map((r) => r.entrants) },
      { type: 'line', name: 'S(1)', yAxisIndex: 1, data: rows.map((r) => percent(r.s1)) },
      { type: 'line', name: 'S(3)', yAxisIndex: 1, data: rows.map((r) => percent(r.s3)) },
    ],
  };
  const rate = (r: { rate: number | null; survivors: number | null }) => (r.rate === null ? t('dashboard.notMeasurable') : `${percent(r)}%（${r.survivors}）`);
  const table = (
    <>
      <Table
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="table-startup-survival"
        columns={[
          { title: t('dashboard.col.entryYear'), dataIndex: 'year' },
          { title: t('dashboard.col.entrants'), dataIndex: 'entrants', align: 'right' },
          { title: 'S(1)', key: 's1', align: 'right', render: (_: unknown, r: (typeof rows)[number]) => rate(r.s1) },
          { title: 'S(3)', key: 's3', align: 'right', render: (_: unknown, r: (typeof rows)[number]) => rate(r.s3) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {currentLanguage() === 'en-US' ? data.startupSurvival.formula.en : data.startupSurvival.formula.zh}
      </Typography.Paragraph>
    </>
  );
  const chart = rows.length ? <ReportChart option={option} /> : <EmptyChart description={t('dashboard.noIncubatees')} />;
  return <ChartCard testId="chart-startup-survival" title={t('dashboard.charts.startupSurvival')} chart={chart} table={table} extra={extra} />;
}

const LEAVING = ['graduated', 'exited', 'moved', 'deregistered'] as const;
const MOVES = ['movesWithin', 'movesOut', 'movesIn'] as const;

/**
 * The incubation chain's flows: leavers by status stacked per year beside the moves along the chain
 * (within the jurisdiction, out of it, into it); the table view lists the years, the moves place →
 * place, and the chosen year per region (drilled down like the other sections) or per space.
 */
function ChainFlows({ data, onSelect, extra }: { data: Data; onSelect: (key: string) => void; extra: ReactNode }) {
  const { t } = useTranslation();
  const flows = data.chainFlows;
  const bySpace = data.groupBy === 'space';
  const place = (p: string | null) => (p === null ? t('dashboard.flows.undeclared') : t(`roster.places.${p}`));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'category', data: flows.years.map((r) => String(r.year)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      ...LEAVING.map((k) => ({ type: 'bar', stack: 'leavers', name: t(`dashboard.flows.${k}`), data: flows.years.map((r) => r[k]) })),
      ...MOVES.map((k) => ({ type: 'bar', stack: 'moves', name: t(`dashboard.flows.${k}`), data: flows.years.map((r) => r[k]) })),
    ],
  };
  const num = (k: string, label = k) => ({ title: t(`dashboard.flows.${label}`), dataIndex: k, align: 'right' as const });
  const table = (
    <>
      <Table rowKey="year" size="small" pagination={false} dataSource={flows.years} data-testid="table-chain-flows" columns={[{ title: t('dashboard.col.year'), dataIndex: 'year' }, ...LEAVING.map((k) => num(k)), ...MOVES.map((k) => num(k))]} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('dashboard.flows.movesTitle')}
      </Typography.Title>
      <Table
        rowKey={(m) => `${m.year}-${m.fromPlace}-${m.toPlace}-${m.direction}`}
        size="small"
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        dataSource={flows.moves}
        data-testid="table-chain-moves"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.flows.noMoves')} /> }}
        columns={[
          { title: t('dashboard.flows.entryYear'), dataIndex: 'year' },
          { title: t('dashboard.flows.from'), dataIndex: 'fromPlace', render: place },
          { title: t('dashboard.flows.to'), dataIndex: 'toPlace', render: place },
          { title: t('dashboard.flows.direction'), dataIndex: 'direction', render: (d: string) => t(`dashboard.flows.${d}`) },
          { title: t('dashboard.col.count'), dataIndex: 'count', align: 'right' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t(bySpace ? 'dashboard.flows.bySpace' : 'dashboard.flows.byRegion', { year: data.year })}
      </Typography.Title>
      <Table
        rowKey="key"
        size="small"
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        dataSource={flows.groups}
        data-testid="table-chain-groups"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.flows.noneInYear', { year: data.year })} /> }}
        columns={[
          { title: bySpace ? t('dashboard.col.space') : t('dashboard.col.region'), dataIndex: 'name', render: (name: string, g) => (bySpace || g.key === data.region.code ? name : <a onClick={() => onSelect(g.key)}>{name}</a>) },
          ...LEAVING.map((k) => num(k)),
          num('movesOut', 'groupMovesOut'),
          num('movesIn', 'groupMovesIn'),
        ]}
      />
    </>
  );
  const chart = flows.years.length ? <ReportChart option={option} height={320} /> : <EmptyChart description={t('dashboard.flows.empty')} />;
  return <ChartCard testId="chart-chain-flows" title={t('dashboard.charts.chainFlows')} chart={chart} table={table} extra={extra} />;
}

function Survival({ data, extra }: { data: Data; extra: ReactNode }) {
  const { t } = useTranslation();
  const rows = data.survival;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: chartGrid,
    xAxis: { type: 'category', data: rows.map((r) => String(r.cohort)) },
    yAxis: COUNT_AND_PERCENT_AXES,
    series: [
      { type: 'bar', name: t('dashboard.col.cohortFiled'), data: rows.map((r) => r.filed) },
      { type: 'bar', name: t('dashboard.col.cohortActive'), data: rows.map((r) => r.active) },
      { type: 'line', name: t('dashboard.col.survivalRate'), yAxisIndex: 1, data: rows.map((r) => r.rate ?? 0) },
    ],
  };
  const table = (
    <Table
      rowKey="cohort"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="table-survival"
      columns={[
        { title: t('dashboard.col.cohort'), dataIndex: 'cohort' },
        { title: t('dashboard.col.cohortFiled'), dataIndex: 'filed', align: 'right' },
        { title: t('dashboard.col.cohortActive'), dataIndex: 'active', align: 'right' },
        { title: t('dashboard.col.survivalRate'), dataIndex: 'rate', align: 'right', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
      ]}
    />
  );
  const chart = rows.length ? <ReportChart option={option} /> : <EmptyChart description={t('dashboard.noFilings')} />;
  return <ChartCard testId="chart-survival" title={t('dashboard.charts.survival')} chart={chart} table={table} extra={extra} />;
}

function SimpleTable({ rows, testId, nameTitle, countTitle }: { rows: { key: string; name: string; count: number }[]; testId: string; nameTitle: string; countTitle: string }) {
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      columns={[
        { title: nameTitle, dataIndex: 'name' },
        { title: countTitle, dataIndex: 'count', align: 'right' },
      ]}
    />
  );
}
