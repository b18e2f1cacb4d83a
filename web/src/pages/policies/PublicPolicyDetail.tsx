import { useQuery } from '@tanstack/react-query';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { policiesApi } from '../../api/policies';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { PortalFrame } from '../portal/PortalFrame';
import { PolicyView } from './PolicyView';

/** A published policy for anyone: metadata, validity, text, support items, interpretations, attachments. */
export default function PublicPolicyDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['public-policy', id], queryFn: () => policiesApi.published(id) });
  return (
    <PortalFrame>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: <Link to="/portal/policies">{t('policies.library')}</Link> }, { title: query.data?.title ?? '' }]}
      />
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : query.data ? <PolicyView p={query.data} linkTo={(x) => `/portal/policies/${x}`} publicFiles /> : <PageSpinner />}
    </PortalFrame>
  );
}
