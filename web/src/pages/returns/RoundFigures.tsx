import { useQuery } from '@tanstack/react-query';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Empty, Select, Table, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { returnsApi } from '../../api/returns';
import ChartCard from '../../components/ChartCard';
import { QueryError } from '../../components/QueryError';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

interface RegionFigure {
  regionCode: string;
  regionName: string;
  returns: number;
  reported: number;
  total: number | null;
}

/** One indicator of a round's accepted returns summed by region, chart or table, with the catalogue's unit on the axis and every column. */
export default function RoundFigures({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const [code, setCode] = useState<string>();
  const figures = useQuery({ queryKey: ['returns.figures', callId, code], queryFn: () => returnsApi.figures(callId, code) });
  if (figures.isError) return <QueryError error={figures.error} onRetry={() => void figures.refetch()} />;
  const data = figures.data;
  const en = i18n.language.startsWith('en');
  const name = (i: { label: string; labelEn: string }) => (en ? i.labelEn : i.label);
  const unit = data?.indicator.unit ?? '';
  const items = data?.items ?? [];
  const option = {
    color: [token.colorPrimary],
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '—' : `${v} ${unit}`) },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: items.map((r) => r.regionName), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: data ? `${name(data.indicator)}（${unit}）` : '' },
    series: [{ type: 'bar', barMaxWidth: 40, data: items.map((r) => r.total), label: { show: true, position: 'top' } }],
  };
  const picker = (
    <Select
      size="small"
      style={{ width: 220, marginRight: 8 }}
      aria-label={t('returns.figures.indicator')}
      value={data?.indicator.code}
      loading={figures.isPending}
      onChange={setCode}
      showSearch={{ optionFilterProp: 'label' }}
      options={(data?.indicators ?? []).map((i) => ({ value: i.code, label: `${name(i)}（${i.unit}）` }))}
    />
  );
  const table = (
    <Table<RegionFigure>
      rowKey="regionCode"
      size="small"
      pagination={false}
      loading={figures.isPending}
      dataSource={items}
      columns={[
        { title: t('returns.region'), dataIndex: 'regionName' },
        { title: t('returns.figures.returns'), dataIndex: 'returns', align: 'right' },
        { title: t('returns.figures.reported'), dataIndex: 'reported', align: 'right' },
        { title: t('returns.figures.total', { unit }), dataIndex: 'total', align: 'right', render: (v: number | null) => v ?? '—' },
      ]}
    />
  );
  const chart = items.length ? (
    <ReactEChartsCore echarts={echarts} option={option} style={{ height: 260 }} notMerge />
  ) : (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returns.figures.empty')} style={{ height: 236, paddingTop: 40 }} />
  );
  return <ChartCard testId="round-figures" title={t('returns.figures.title')} extra={picker} chart={figures.isPending ? null : chart} table={table} />;
}
