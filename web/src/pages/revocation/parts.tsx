import { HistoryOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Proposal } from '../../api/revocation';
import { can } from '../../api/session';
import { useCurrentUser } from '../../app/currentUser';

const STATUS_COLOURS: Record<Proposal['status'], string> = { pending: 'orange', in_review: 'processing', revoked: 'red', dismissed: 'default' };

export function ProposalStatusTag({ status }: { status: Proposal['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`revocation.status.${status}`)}</Tag>;
}

/**
 * The way from any page showing a filed space (its filing, returns, changes, evaluations) to its
 * history over the years, for the supervising staff who may read it; nothing for anyone else.
 */
export function SpaceHistoryLink({ spaceId }: { spaceId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  if (!can(me, 'timeline.read')) return null;
  return (
    <Link to={`/app/space-timeline/${spaceId}`} data-testid="space-history-link">
      <HistoryOutlined /> {t('revocation.timeline')}
    </Link>
  );
}
