import { Card, Segmented } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A chart with its figures as a table one click away (a civil servant copies the numbers). */
export default function ChartCard({ title, chart, table, extra, testId }: { title: ReactNode; chart: ReactNode; table: ReactNode; extra?: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      style={{ height: '100%' }}
      extra={
        <>
          {extra}
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t('common.chartView') },
              { value: 'table', label: t('common.tableView') },
            ]}
          />
        </>
      }
    >
      {view === 'chart' ? chart : table}
    </Card>
  );
}
