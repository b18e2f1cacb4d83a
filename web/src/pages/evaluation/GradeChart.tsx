import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Grade, GRADE_COLORS } from '../../api/evaluation';
import ChartCard from '../../components/ChartCard';
import { GradeTag } from './parts';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

interface Count {
  grade: Grade;
  count: number;
}

/** How many spaces got each grade, best first, as bars in the grades' colours or as a table with shares. */
export function GradeChart({ title, distribution, testId }: { title: string; distribution: Count[]; testId: string }) {
  const { t } = useTranslation();
  const all = distribution.reduce((s, d) => s + d.count, 0);
  const share = (n: number) => (all ? `${Math.round((n / all) * 1000) / 10}%` : '—');
  const unit = t('evaluation.spacesUnit');
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v} ${unit}` },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: distribution.map((d) => t(`evaluation.grade.${d.grade}`)) },
    yAxis: { type: 'value', name: t('evaluation.spacesAxis'), minInterval: 1 },
    series: [{ type: 'bar', barMaxWidth: 48, data: distribution.map((d) => ({ value: d.count, itemStyle: { color: GRADE_COLORS[d.grade] } })), label: { show: true, position: 'top' } }],
  };
  const table = (
    <Table<Count>
      rowKey="grade"
      size="small"
      pagination={false}
      dataSource={distribution}
      columns={[
        { title: t('evaluation.gradeColumn'), dataIndex: 'grade', render: (g: Grade) => <GradeTag grade={g} /> },
        { title: t('evaluation.spacesCount'), dataIndex: 'count', align: 'right' },
        { title: t('evaluation.share'), align: 'right', render: (_, d) => share(d.count) },
      ]}
    />
  );
  const chart = all ? <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluation.preview.noSpaces')} style={{ height: 216, paddingTop: 40 }} />;
  return <ChartCard testId={testId} title={title} chart={chart} table={table} />;
}
