import { DownloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Card, Col, type ColProps, Empty, Flex, Row, Select, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { PageSpinner } from './PageSpinner';
import { QueryError } from './QueryError';

/**
 * The frame of an authority's report over its jurisdiction (数据看板, 服务平台统计): the title with
 * where and when it covers, the filters and the Excel workbook; then the year's figures as tiles
 * and the charts, each card with its table. Pages register further echarts parts they need (a map).
 */
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** This year in Beijing time. */
export const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/** A chart's margins, its axis labels inside them; `top` leaves room for the legend. */
export const chartGrid = { left: 8, right: 16, top: 40, bottom: 8, containLabel: true };

/** A chart of a report; `onClick` gets the name of the bar, point or area clicked. */
export function ReportChart({ option, onClick, height = 280 }: { option: object; onClick?: (name: string) => void; height?: number }) {
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge onEvents={onClick ? { click: (p: { name: string }) => onClick(p.name) } : undefined} />;
}

/** What a chart with nothing to draw says instead, about as tall as the chart. */
export function EmptyChart({ description }: { description: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ height: 256, paddingTop: 60 }} />;
}

/** The year filter: this year and the `count - 1` before it. */
export function YearSelect({ value, onChange, count, label, testId }: { value: number; onChange: (year: number) => void; count: number; label: (year: number) => string; testId: string }) {
  const years = Array.from({ length: count }, (_, i) => thisYear() - i);
  return <Select data-testid={testId} value={value} style={{ width: 120 }} onChange={onChange} options={years.map((y) => ({ value: y, label: label(y) }))} />;
}

/** The year's totals as a row of tiles. */
export function StatTiles({ items, col, testId }: { items: { key: string; title: string; value: number | string; suffix?: string | undefined; precision?: number | undefined }[]; col: ColProps; testId: string }) {
  return (
    <Card size="small" data-testid={testId}>
      <Row gutter={[16, 16]}>
        {items.map((i) => (
          <Col {...col} key={i.key}>
            <Statistic title={i.title} value={i.value} suffix={i.suffix} precision={i.precision} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The report's cards two a row on a wide screen (or as wide as `xl` says), one a row otherwise. */
export function ReportCards({ cards }: { cards: { key: string; card: ReactNode; xl?: number }[] }) {
  return (
    <Row gutter={[16, 16]}>
      {cards.map((c) => (
        <Col xs={24} xl={c.xl ?? 12} key={c.key}>
          {c.card}
        </Col>
      ))}
    </Row>
  );
}

/**
 * The header (title, `subtitle`, the `filters` and the export button) over the report `children`
 * draws from the loaded data; a spinner while it loads, the error with a retry if it failed.
 */
export function ReportPage<T>(props: {
  title: string;
  subtitle: ReactNode;
  filters: ReactNode;
  exportHref: string;
  exportLabel: string;
  exportTestId: string;
  query: UseQueryResult<T>;
  testId: string;
  children: (data: T) => ReactNode;
}) {
  const { query } = props;
  const header = (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {props.title}
          </Typography.Title>
          {props.subtitle}
        </div>
        <Flex gap={8} wrap>
          {props.filters}
          <Button icon={<DownloadOutlined />} href={props.exportHref} data-testid={props.exportTestId}>
            {props.exportLabel}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
  if (query.data === undefined)
    return (
      <Flex vertical gap={16}>
        {header}
        {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : <PageSpinner />}
      </Flex>
    );
  return (
    <Flex vertical gap={16} data-testid={props.testId}>
      {header}
      {props.children(query.data)}
    </Flex>
  );
}
