import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { crowdApi } from '../../api/crowd';
import { financingApi } from '../../api/financing';
import { can, useMe } from '../../api/session';
import FinancingJurisdiction from '../financing/FinancingJurisdiction';
import CrowdJurisdiction from './CrowdJurisdiction';

/** This year in Beijing time. */
const thisYear = () => Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/**
 * 众包与投融资统计 (issue 16): the authority's jurisdiction's crowd tasks and its funds and financing
 * over a year, one tab each, each with its Excel export; the tab is kept in the address.
 */
export default function CrowdFinancingStats() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [year, setYear] = useState(thisYear());
  const [params, setParams] = useSearchParams();
  const tabs = [
    ...(me && can(me, 'crowd.oversee') ? [{ key: 'crowd', label: t('crowd.oversight.tab'), children: <CrowdJurisdiction year={year} />, xlsx: crowdApi.jurisdictionXlsx(year) }] : []),
    ...(me && can(me, 'financing.oversee') ? [{ key: 'financing', label: t('financing.oversight.tab'), children: <FinancingJurisdiction year={year} />, xlsx: financingApi.jurisdictionXlsx(year) }] : []),
  ];
  const active = tabs.find((tab) => tab.key === params.get('tab')) ?? tabs[0];
  const years = Array.from({ length: 5 }, (_, i) => thisYear() - i);
  return (
    <Card
      title={t('crowd.oversight.title')}
      extra={
        <Space>
          <Select data-testid="oversight-year" value={year} style={{ width: 120 }} onChange={setYear} options={years.map((y) => ({ value: y, label: t('crowd.oversight.yearOption', { year: y }) }))} />
          {active && (
            <Button icon={<DownloadOutlined />} href={active.xlsx} data-testid="oversight-export">
              {t('crowd.oversight.export')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs activeKey={active?.key} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs.map(({ key, label, children }) => ({ key, label, children }))} />
    </Card>
  );
}
