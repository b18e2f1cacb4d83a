import { useTranslation } from 'react-i18next';
import { crowdApi, crowdKeys } from '../../api/crowd';
import { PortalListItem } from '../portal/PortalList';
import { PublicTabbedList } from '../portal/PublicTabbedList';
import { ChallengeStateTag } from './parts';

/** 众包任务 on the portal: open challenges and the awards, for anyone (no solution, no person). */
export default function PublicCrowd() {
  const { t } = useTranslation();
  return (
    <PublicTabbedList
      title={t('crowd.portal.title')}
      tabs={[
        { value: 'open', label: t('crowd.portal.open') },
        { value: 'awarded', label: t('crowd.portal.awarded') },
        { value: 'all', label: t('crowd.portal.all') },
      ]}
      initialTab="open"
      queryKey={[crowdKeys.public]}
      load={(tab, paging) => crowdApi.publicList({ ...paging, ...(tab === 'all' ? {} : { state: tab }) })}
      empty={t('crowd.empty.public')}
      testId="public-crowd"
      renderItem={(c) => (
        <PortalListItem
          to={`/portal/crowd/${c.id}`}
          title={c.title}
          tags={<ChallengeStateTag state={c.state} />}
          description={[
            c.spaceName,
            t(`spaces.industries.${c.field}`),
            t('crowd.portal.reward', { reward: c.rewardYuan.toLocaleString('zh-CN') }),
            c.award ? `${t('crowd.col.winner')}：${c.award.teamName}` : t('crowd.portal.deadline', { date: c.deadline }),
          ].join(' · ')}
        />
      )}
    />
  );
}
