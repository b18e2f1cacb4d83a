import { Card, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePackage } from '../../api/recommendations';
import { formatDateTime } from '../../lib/format';

/**
 * The recommendation an application was sent on with (推荐单位, 文号, date, the signed scans), for the
 * later stages and the applicant. Nothing shows before a batch was sent, or for readers the server refuses.
 */
export function PackageCard({ applicationId, enabled }: { applicationId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const query = usePackage(applicationId, enabled);
  const items = query.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card size="small" title={t('recommendations.package.title')} data-testid="recommendation-package">
      {items.map((p) => (
        <Descriptions key={p.id} size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('recommendations.recommender')}>{p.recommender.name}</Descriptions.Item>
          <Descriptions.Item label={t('recommendations.letterNumber')}>{p.letterNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('recommendations.col.sentAt')}>{formatDateTime(p.sentAt)}</Descriptions.Item>
          <Descriptions.Item label={t('recommendations.package.ranking')}>{t('recommendations.package.position', { position: p.position, count: p.count })}</Descriptions.Item>
          <Descriptions.Item label={t('recommendations.package.files')} span={2}>
            <Space wrap>
              {p.files.map((f) => (
                <a key={f.fileId} href={f.url}>
                  {t(`recommendations.package.${f.kind}`)}：{f.name}
                </a>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      ))}
    </Card>
  );
}
