import { DownloadOutlined } from '@ant-design/icons';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Card, Col, Empty, Row, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicStatisticsCsv, usePublicStatistics, type PublicStatistics as Stats } from '../../api/dashboards';
import ChartCard from '../../components/ChartCard';
import { PageSpinner } from '../../components/PageSpinner';
import ProvinceTileGrid from '../../components/ProvinceTileGrid';
import { QueryError } from '../../components/QueryError';
import { PortalFrame } from './PortalFrame';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

interface ProvinceRow {
  code: string;
  name: string;
  national: number;
  province: number;
  active: number;
}

/** The filings of each province, national and provincial, in all years; and each year's new ones. */
function summarise(items: Stats['items']) {
  const provinces = new Map<string, ProvinceRow>();
  const years = new Map<number, { year: number; national: number; province: number }>();
  for (const i of items) {
    const p = provinces.get(i.provinceCode) ?? { code: i.provinceCode, name: i.provinceName, national: 0, province: 0, active: 0 };
    p[i.level] += i.filed;
    p.active += i.active;
    provinces.set(i.provinceCode, p);
    const y = years.get(i.year) ?? { year: i.year, national: 0, province: 0 };
    y[i.level] += i.filed;
    years.set(i.year, y);
  }
  return { provinces: [...provinces.values()].sort((a, b) => a.code.localeCompare(b.code)), years: [...years.values()].sort((a, b) => a.year - b.year) };
}

/** 统计数据 (public): filed spaces at national and provincial level by province and year, with the CSV. */
export default function PublicStatistics() {
  const { t } = useTranslation();
  const query = usePublicStatistics();
  const csv = (
    <Button icon={<DownloadOutlined />} href={publicStatisticsCsv()} data-testid="statistics-csv">
      {t('dashboard.public.csv')}
    </Button>
  );
  const body = () => {
    if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
    if (!query.data) return <PageSpinner />;
    if (!query.data.items.length) return <Empty description={t('dashboard.public.empty')} />;
    const { provinces, years } = summarise(query.data.items);
    const option = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', stack: 'filed', name: t('dashboard.level.national'), data: years.map((y) => y.national) },
        { type: 'bar', stack: 'filed', name: t('dashboard.level.province'), data: years.map((y) => y.province) },
      ],
    };
    const yearTable = (
      <Table
        rowKey="year"
        size="small"
        pagination={false}
        dataSource={years}
        data-testid="table-statistics-years"
        columns={[
          { title: t('dashboard.public.year'), dataIndex: 'year' },
          { title: t('dashboard.level.national'), dataIndex: 'national', align: 'right' },
          { title: t('dashboard.level.province'), dataIndex: 'province', align: 'right' },
        ]}
      />
    );
    return (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('dashboard.public.mapTitle')}>
            <ProvinceTileGrid values={Object.fromEntries(provinces.map((p) => [p.code, p.active]))} names={Object.fromEntries(provinces.map((p) => [p.code, p.name]))} unit={t('dashboard.unit.spaces')} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <ChartCard testId="chart-statistics-years" title={t('dashboard.public.byYear')} chart={<ReactEChartsCore echarts={echarts} option={option} style={{ height: 300 }} notMerge />} table={yearTable} />
        </Col>
        <Col span={24}>
          <Card size="small" title={t('dashboard.public.byProvince')}>
            <Table<ProvinceRow>
              rowKey="code"
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 40, hideOnSinglePage: true }}
              dataSource={provinces}
              data-testid="table-statistics-provinces"
              columns={[
                { title: t('dashboard.public.province'), dataIndex: 'name', sorter: (a, b) => a.code.localeCompare(b.code) },
                { title: t('dashboard.level.national'), dataIndex: 'national', align: 'right', sorter: (a, b) => a.national - b.national },
                { title: t('dashboard.level.province'), dataIndex: 'province', align: 'right', sorter: (a, b) => a.province - b.province },
                { title: t('dashboard.public.active'), dataIndex: 'active', align: 'right', sorter: (a, b) => a.active - b.active },
              ]}
            />
          </Card>
        </Col>
      </Row>
    );
  };
  return (
    <PortalFrame>
      <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('dashboard.public.title')}</h1>} extra={csv} data-testid="public-statistics">
        <p style={{ marginTop: 0 }}>{t('dashboard.public.intro')}</p>
        {body()}
      </Card>
    </PortalFrame>
  );
}
