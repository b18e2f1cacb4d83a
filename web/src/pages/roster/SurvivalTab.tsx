import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Pagination, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rosterApi, rosterKeys, type Survival } from '../../api/roster';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';

type Cohort = Survival['overall'][number];
type Rate = Cohort['s1'];

/** A survival figure: the percentage and the survivors, or "not yet measurable". */
function RateCell({ rate }: { rate: Rate }) {
  const { t } = useTranslation();
  if (!rate.measurable || rate.rate === null) return <Tag>{t('roster.survival.notYet')}</Tag>;
  return (
    <span>
      {(rate.rate * 100).toFixed(1)}%<Typography.Text type="secondary">（{rate.survivors}）</Typography.Text>
    </span>
  );
}

function CohortTable({ cohorts, title }: { cohorts: Cohort[]; title: string }) {
  const { t } = useTranslation();
  return (
    <Table<Cohort>
      size="small"
      rowKey="year"
      pagination={false}
      title={() => <Typography.Text strong>{title}</Typography.Text>}
      dataSource={cohorts}
      columns={[
        { title: t('roster.survival.year'), dataIndex: 'year' },
        { title: t('roster.survival.entrants'), dataIndex: 'entrants', align: 'right' },
        { title: t('roster.survival.s1'), key: 's1', align: 'right', render: (_, c) => <RateCell rate={c.s1} /> },
        { title: t('roster.survival.s3'), key: 's3', align: 'right', render: (_, c) => <RateCell rate={c.s3} /> },
      ]}
    />
  );
}

const SPACES_PER_PAGE = 10;

/**
 * S(1) and S(3) per entry year: the total over the spaces the user sees, then each space a page at a
 * time (by region, then name; a province has a thousand), the formula above.
 */
export function SurvivalTab({ spaceOptions }: { spaceOptions: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const [spaceId, setSpaceId] = useState<string>();
  const [page, setPage] = useState(1);
  const query = useQuery({ queryKey: [rosterKeys.survival, spaceId, page], queryFn: () => rosterApi.survival({ spaceId, page, pageSize: SPACES_PER_PAGE }) });
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Select
        allowClear
        placeholder={t('roster.allSpaces')}
        options={spaceOptions}
        value={spaceId}
        onChange={(value) => {
          setSpaceId(value);
          setPage(1);
        }}
        style={{ width: 280 }}
      />
      {data && (
        <Alert
          type="info"
          showIcon
          title={t('roster.survival.formula')}
          description={
            <>
              <div data-testid="survival-formula">{currentLanguage() === 'en-US' ? data.formula.en : data.formula.zh}</div>
              <Typography.Text type="secondary">{t('roster.survival.asOf', { date: data.asOf })}</Typography.Text>
            </>
          }
        />
      )}
      {data && !data.overall.length && <Empty description={t('roster.survival.empty')} />}
      {data && data.overall.length > 0 && <CohortTable cohorts={data.overall} title={t('roster.survival.overall')} />}
      {data?.spaces.map((s) => <CohortTable key={s.spaceId} cohorts={s.cohorts} title={s.spaceName} />)}
      {data && data.spacesTotal > SPACES_PER_PAGE && (
        <Pagination
          current={page}
          pageSize={SPACES_PER_PAGE}
          total={data.spacesTotal}
          showSizeChanger={false}
          showTotal={(total) => t('roster.survival.spacesTotal', { total })}
          onChange={setPage}
        />
      )}
    </Space>
  );
}
