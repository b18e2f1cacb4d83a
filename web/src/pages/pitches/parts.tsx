import { Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PITCH_STATE_COLORS, type PitchCall, type PublicPitchCall } from '../../api/pitches';
import { formatDateTime } from '../../lib/format';

export function PitchStateTag({ state }: { state: PitchCall['state'] }) {
  const { t } = useTranslation();
  return <Tag color={PITCH_STATE_COLORS[state]}>{t(`pitches.states.${state}`)}</Tag>;
}

/** The public terms of a call: its event, field, eligibility, window, criteria and places. */
export function CallTerms({ c }: { c: PublicPitchCall | PitchCall }) {
  const { t } = useTranslation();
  return (
    <Descriptions bordered size="small" column={2} data-testid="pitch-terms">
      <Descriptions.Item label={t('pitches.col.space')}>{c.spaceName}</Descriptions.Item>
      <Descriptions.Item label={t('pitches.col.event')}>
        {c.eventTitle}（{t(`events.kinds.${c.eventKind}`)}，{formatDateTime(c.eventStartsAt as unknown as string)}）
      </Descriptions.Item>
      <Descriptions.Item label={t('pitches.col.field')}>{t(`spaces.industries.${c.field}`)}</Descriptions.Item>
      <Descriptions.Item label={t('pitches.col.window')}>
        {formatDateTime(c.opensAt as unknown as string)} — {formatDateTime(c.closesAt as unknown as string)}
      </Descriptions.Item>
      <Descriptions.Item label={t('pitches.form.eligibility')} span={2}>
        {c.eligibility}
      </Descriptions.Item>
      <Descriptions.Item label={t('pitches.form.criteria')}>{c.criteria.map((x) => `${x.name} ${x.weight}%`).join('、')}</Descriptions.Item>
      <Descriptions.Item label={t('pitches.form.awardCount')}>{c.awardCount}</Descriptions.Item>
    </Descriptions>
  );
}

export const Results = ({ results }: { results: PublicPitchCall['results'] }) => {
  const { t } = useTranslation();
  return (
    <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="pitch-results">
      {results.map((r, i) => (
        <li key={i} value={r.rank ?? undefined}>
          {r.projectName}（{r.teamName}）{r.award ? <Tag color="gold" style={{ marginLeft: 8 }}>{r.award}</Tag> : null}
          {r.rank === null ? `（${t('pitches.detail.unscored')}）` : null}
        </li>
      ))}
    </ol>
  );
};
