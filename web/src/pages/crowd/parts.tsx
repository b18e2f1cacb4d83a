import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Challenge, CHALLENGE_STATE_COLORS, formatYuan } from '../../api/crowd';

export function ChallengeStateTag({ state }: { state: Challenge['state'] }) {
  const { t } = useTranslation();
  return <Tag color={CHALLENGE_STATE_COLORS[state]}>{t(`crowd.states.${state}`)}</Tag>;
}

/** The public terms of a challenge: what it asks, the deliverables, IP and confidentiality, reward and deadline. */
export function ChallengeTerms({ c }: { c: Challenge }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={2} data-testid="challenge-terms">
      <Descriptions.Item label={t('crowd.col.space')}>{c.spaceName}</Descriptions.Item>
      <Descriptions.Item label={t('crowd.col.field')}>{t(`spaces.industries.${c.field}`)}</Descriptions.Item>
      <Descriptions.Item label={t('crowd.col.reward')}>{formatYuan(c.rewardYuan)}</Descriptions.Item>
      <Descriptions.Item label={t('crowd.col.deadline')}>{c.deadline}</Descriptions.Item>
      <Descriptions.Item label={t('crowd.form.description')} span={2}>
        {c.description}
      </Descriptions.Item>
      <Descriptions.Item label={t('crowd.form.deliverables')} span={2}>
        {c.deliverables}
      </Descriptions.Item>
      <Descriptions.Item label={t('crowd.form.ipTerms')}>{t(`crowd.ip.${c.ipTerms}`)}</Descriptions.Item>
      <Descriptions.Item label={t('crowd.form.confidentiality')}>{c.confidentiality}</Descriptions.Item>
      {c.award && (
        <Descriptions.Item label={t('crowd.detail.award')} span={2}>
          <span data-testid="challenge-award">{t('crowd.detail.awardedTo', { team: c.award.teamName, reward: c.award.rewardYuan.toLocaleString('zh-CN'), ip: t(`crowd.ip.${c.award.ipTerms}`) })}</span>
        </Descriptions.Item>
      )}
      {c.closeReason && (
        <Descriptions.Item label={t('crowd.detail.closeReason')} span={2}>
          {c.closeReason}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
