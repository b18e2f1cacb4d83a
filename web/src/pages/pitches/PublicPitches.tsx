import { List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { pitchApi, pitchKeys } from '../../api/pitches';
import { formatDateTime } from '../../lib/format';
import { PublicTabbedList } from '../portal/PublicTabbedList';
import { PitchStateTag, Results } from './parts';

/** 路演与大赛 on the portal: open calls and published results (rank, project, team, award — no person, no score sheet). */
export default function PublicPitches() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const spaceId = params.get('spaceId') ?? undefined;
  return (
    <PublicTabbedList
      title={t('pitches.portal.title')}
      tabs={[
        { value: 'open', label: t('pitches.portal.open') },
        { value: 'published', label: t('pitches.portal.published') },
        { value: 'all', label: t('pitches.portal.all') },
      ]}
      initialTab={spaceId ? 'published' : 'open'}
      queryKey={[pitchKeys.public, spaceId]}
      load={(tab, paging) => pitchApi.publicList({ ...paging, ...(spaceId ? { spaceId } : {}), ...(tab === 'all' ? {} : { state: tab }) })}
      empty={t('pitches.empty.public')}
      testId="public-pitches"
      renderItem={(c) => (
        <List.Item>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space>
              <Typography.Text strong>{c.title}</Typography.Text>
              <PitchStateTag state={c.state} />
            </Space>
            <Typography.Text type="secondary">
              {[
                <Link key="s" to={`/portal/spaces/${c.spaceId}`}>
                  {c.spaceName}
                </Link>,
              ]}
              {' · '}
              {[`${c.eventTitle}（${t(`events.kinds.${c.eventKind}`)}）`, t(`spaces.industries.${c.field}`), c.state === 'open' ? t('pitches.portal.closes', { date: formatDateTime(c.closesAt as unknown as string) }) : t('pitches.portal.applications', { n: c.applicationCount })].join(' · ')}
            </Typography.Text>
            {c.state === 'open' ? <Typography.Paragraph style={{ marginBottom: 0 }}>{c.eligibility}</Typography.Paragraph> : <Results results={c.results} />}
          </Space>
        </List.Item>
      )}
    />
  );
}
