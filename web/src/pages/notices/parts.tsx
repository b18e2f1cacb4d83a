import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntryOutcome, NoticeSummary, ObjectionStatus } from '../../api/notices';
import { formatDateTime } from '../../lib/format';

/** Running (objections taken), not yet started, ended (entries pending) or concluded. */
export function NoticeStatusTag({ notice }: { notice: Pick<NoticeSummary, 'status' | 'running' | 'startsAt'> }) {
  const { t } = useTranslation();
  if (notice.status === 'concluded') return <Tag>{t('notices.status.concluded')}</Tag>;
  if (notice.running) return <Tag color="green">{t('notices.status.running')}</Tag>;
  if (new Date(notice.startsAt) > new Date()) return <Tag color="blue">{t('notices.status.upcoming')}</Tag>;
  return <Tag color="gold">{t('notices.status.ended')}</Tag>;
}

const OUTCOME_COLOR: Record<EntryOutcome, string> = { pending: 'processing', cleared: 'green', blocked: 'red' };
export function OutcomeTag({ outcome }: { outcome: EntryOutcome }) {
  const { t } = useTranslation();
  return <Tag color={OUTCOME_COLOR[outcome]}>{t(`notices.outcome.${outcome}`)}</Tag>;
}

const OBJECTION_COLOR: Record<ObjectionStatus, string> = { open: 'orange', upheld: 'red', dismissed: 'default' };
export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const { t } = useTranslation();
  return <Tag color={OBJECTION_COLOR[status]}>{t(`notices.objectionStatus.${status}`)}</Tag>;
}

/** Authority, status, period, publication time and text of a notice: the same on the portal and in the workspace. */
export function NoticeFacts({ notice }: { notice: Pick<NoticeSummary, 'status' | 'running' | 'startsAt' | 'endsAt' | 'publishedAt' | 'authority'> & { body: string } }) {
  const { t } = useTranslation();
  return (
    <>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('notices.authority')}>{notice.authority.name}</Descriptions.Item>
        <Descriptions.Item label={t('notices.statusLabel')}>
          <NoticeStatusTag notice={notice} />
        </Descriptions.Item>
        <Descriptions.Item label={t('notices.period')}>{`${formatDateTime(notice.startsAt)} – ${formatDateTime(notice.endsAt)}`}</Descriptions.Item>
        <Descriptions.Item label={t('notices.publishedAt')}>{formatDateTime(notice.publishedAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>{notice.body}</Typography.Paragraph>
    </>
  );
}
