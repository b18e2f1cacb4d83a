import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { policiesApi } from '../../api/policies';
import { LatestList, PortalListItem } from '../portal/PortalList';
import { issuedLine, PolicyTags } from './parts';

/** The portal home's 政策文件 box: the latest published policies, each opening its page; links the library. */
export function LatestPolicies({ empty }: { empty: string }) {
  const { t } = useTranslation();
  return (
    <LatestList
      queryKey={['public-policies', 'latest']}
      load={(paging) => policiesApi.search({ ...paging, sort: 'publishedAt', order: 'desc' })}
      empty={empty}
      testId="public-policies"
      footer={(total) => <Link to="/portal/policies">{t('policies.allPolicies', { count: total })}</Link>}
      renderItem={(p) => <PortalListItem to={`/portal/policies/${p.id}`} title={p.title} tags={<PolicyTags p={p} />} description={issuedLine(p)} />}
    />
  );
}
