import { FileDoneOutlined, FileTextOutlined, NotificationOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Flex, List, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { callsApi } from '../api/calls';
import { errorMessage } from '../api/client';
import { formatDateTime } from '../lib/format';
import { LatestNotices } from './portal/LatestNotices';
import { LatestFilingLists } from './portal/LatestFilingLists';
import { PortalFrame } from './portal/PortalFrame';

/** Published calls, newest first (GET /api/public/calls). */
function PublicCalls({ empty }: { empty: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['public-calls'],
    queryFn: () => callsApi.publicList({ page: 1, pageSize: 10 }),
  });
  if (query.isError) return <Alert type="warning" showIcon title={errorMessage(query.error)} />;
  if (query.data && query.data.items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <List
      loading={query.isLoading}
      dataSource={query.data?.items}
      data-testid="public-calls"
      renderItem={(c) => (
        <List.Item>
          <List.Item.Meta
            title={
              <Flex gap={8} wrap align="center">
                {c.title}
                <Tag color="blue">{t(`calls.level.${c.level}`)}</Tag>
                {c.open ? <Tag color="green">{t('portal.callOpen')}</Tag> : <Tag>{t('portal.callClosed')}</Tag>}
              </Flex>
            }
            description={t('portal.callWindow', { authority: c.authority.name, opens: formatDateTime(c.opensAt), closes: formatDateTime(c.closesAt) })}
          />
        </List.Item>
      )}
    />
  );
}

/** The public portal; its sections fill in as the calls, notices, lists and policy modules land. */
export default function PortalHome() {
  const { t } = useTranslation();
  const sections: { title: string; empty: string; icon: ReactNode; body?: ReactNode }[] = [
    { title: t('portal.calls'), empty: t('portal.noCalls'), icon: <ScheduleOutlined />, body: <PublicCalls empty={t('portal.noCalls')} /> },
    { title: t('portal.notices'), empty: t('portal.noNotices'), icon: <NotificationOutlined />, body: <LatestNotices empty={t('portal.noNotices')} /> },
    { title: t('portal.filings'), empty: t('portal.noFilings'), icon: <FileDoneOutlined />, body: <LatestFilingLists empty={t('portal.noFilings')} /> },
    { title: t('portal.policies'), empty: t('portal.noPolicies'), icon: <FileTextOutlined /> },
  ];
  return (
    <PortalFrame>
        <section style={{ marginBottom: 32 }}>
          <Typography.Title level={1} style={{ fontSize: 30 }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 16, maxWidth: 820 }}>
            {t('portal.intro')}
          </Typography.Paragraph>
        </section>
        <Row gutter={[24, 24]}>
          {sections.map((s) => (
            <Col key={s.title} xs={24} md={12}>
              <Card
                title={
                  <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                    {s.icon} {s.title}
                  </Typography.Title>
                }
              >
                {s.body ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.empty} />}
              </Card>
            </Col>
          ))}
        </Row>
    </PortalFrame>
  );
}
