import { Alert, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHALLENGE_STATE_COLORS, crowdApi, crowdKeys, formatYuan, type CrowdJurisdictionPage, type CrowdJurisdictionRow, type JurisdictionChallenge } from '../../api/crowd';
import { PagedTable } from '../../components/PagedTable';
import { QueryError } from '../../components/QueryError';

/** One space's challenges of the year, each title opening its public announcement (the drill-down of a row). */
function SpaceChallenges({ spaceId, year }: { spaceId: string; year: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [crowdKeys.jurisdictionChallenges, spaceId, year], queryFn: () => crowdApi.jurisdictionChallenges({ spaceId, year, pageSize: 100 }) });
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <Table<JurisdictionChallenge>
      size="small"
      rowKey="id"
      loading={q.isLoading}
      pagination={false}
      dataSource={q.data?.items ?? []}
      columns={[
        { title: t('crowd.col.title'), key: 'title', render: (_, c) => <a href={`/portal/crowd/${c.id}`} target="_blank" rel="noreferrer">{c.title}</a> },
        { title: t('crowd.col.field'), key: 'field', render: (_, c) => t(`spaces.industries.${c.field}`) },
        { title: t('crowd.col.state'), key: 'state', render: (_, c) => <Tag color={CHALLENGE_STATE_COLORS[c.state]}>{t(`crowd.states.${c.state}`)}</Tag> },
        { title: t('crowd.col.reward'), key: 'reward', align: 'right', render: (_, c) => formatYuan(c.rewardYuan) },
        { title: t('crowd.col.solutions'), key: 'solutions', align: 'right', render: (_, c) => c.solutions },
        { title: t('crowd.col.deadline'), key: 'deadline', render: (_, c) => c.deadline },
      ]}
    />
  );
}

/** 众包任务 of the authority's jurisdiction: per filed space, the year's challenges, rewards and solutions; totals by state and field. */
export default function CrowdJurisdiction({ year }: { year: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<CrowdJurisdictionPage>();
  return (
    <>
      {page && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="crowd-totals"
          title={t('crowd.oversight.totals', { ...page.totals, offered: formatYuan(page.totals.offeredYuan), awarded: formatYuan(page.totals.awardedYuan) })}
          description={
            <Space wrap>
              {page.byState.map((s) => (
                <Tag key={s.state} color={CHALLENGE_STATE_COLORS[s.state]}>{`${t(`crowd.states.${s.state}`)} ${s.challenges}`}</Tag>
              ))}
              {page.byField.map((f) => (
                <Tag key={f.field}>{`${t(`spaces.industries.${f.field}`)} ${f.challenges}`}</Tag>
              ))}
            </Space>
          }
        />
      )}
      <PagedTable<CrowdJurisdictionRow, Record<never, never>, CrowdJurisdictionPage, { year: number }>
        queryKey={crowdKeys.jurisdiction}
        fixed={{ year }}
        list={crowdApi.jurisdiction}
        onData={setPage}
        rowKey="spaceId"
        emptyText={t('crowd.oversight.empty')}
        expandable={{ rowExpandable: (r) => r.challenges > 0, expandedRowRender: (r) => <SpaceChallenges spaceId={r.spaceId} year={year} /> }}
        columns={[
          { title: t('crowd.oversight.col.space'), key: 'spaceName', sorter: true, render: (_, r) => r.spaceName },
          { title: t('crowd.oversight.col.region'), key: 'region', render: (_, r) => r.regionName },
          { title: t('crowd.oversight.col.challenges'), key: 'challenges', sorter: true, align: 'right', render: (_, r) => r.challenges },
          { title: t('crowd.states.open'), key: 'open', align: 'right', render: (_, r) => r.open },
          { title: t('crowd.states.judging'), key: 'judging', align: 'right', render: (_, r) => r.judging },
          { title: t('crowd.states.awarded'), key: 'awardedState', align: 'right', render: (_, r) => r.awardedState },
          { title: t('crowd.states.closed'), key: 'closed', align: 'right', render: (_, r) => r.closed },
          { title: t('crowd.oversight.col.offered'), key: 'offered', sorter: true, align: 'right', render: (_, r) => formatYuan(r.offeredYuan) },
          { title: t('crowd.oversight.col.solutions'), key: 'solutions', sorter: true, align: 'right', render: (_, r) => r.solutions },
          { title: t('crowd.oversight.col.awards'), key: 'awards', align: 'right', render: (_, r) => r.awards },
          { title: t('crowd.oversight.col.awarded'), key: 'awarded', sorter: true, align: 'right', render: (_, r) => formatYuan(r.awardedYuan) },
        ]}
      />
    </>
  );
}
