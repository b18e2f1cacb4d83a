import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { crowdApi, crowdKeys } from '../../api/crowd';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { PortalFrame } from '../portal/PortalFrame';
import { ChallengeStateTag, ChallengeTerms } from './parts';

/** One published challenge on the portal: its terms and, once awarded, the winning team, reward and IP terms. */
export default function PublicChallenge() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: [crowdKeys.public, 'one', id], queryFn: () => crowdApi.publicRead(id) });
  const c = query.data;
  return (
    <PortalFrame>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/">{t('notices.portalHome')}</Link> }, { title: <Link to="/portal/crowd">{t('crowd.portal.title')}</Link> }, { title: c?.title ?? '' }]} />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !c ? (
        <PageSpinner />
      ) : (
        <Card
          title={
            <Flex gap={8} align="center">
              {c.title}
              <ChallengeStateTag state={c.state} />
            </Flex>
          }
          extra={
            c.state === 'open' && (
              <Link to="/login">
                <Button type="primary">{t('crowd.portal.signIn')}</Button>
              </Link>
            )
          }
        >
          <ChallengeTerms c={c} />
        </Card>
      )}
    </PortalFrame>
  );
}
