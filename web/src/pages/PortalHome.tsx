import { FileDoneOutlined, FileTextOutlined, NotificationOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LatestCalls } from './portal/LatestCalls';
import { LatestNotices } from './portal/LatestNotices';
import { LatestFilingLists } from './portal/LatestFilingLists';
import { PortalFrame } from './portal/PortalFrame';
import { LatestPolicies } from './policies/LatestPolicies';

/** The public portal; its sections fill in as the calls, notices, lists and policy modules land. */
export default function PortalHome() {
  const { t } = useTranslation();
  const sections: { title: string; empty: string; icon: ReactNode; body?: ReactNode }[] = [
    { title: t('portal.calls'), empty: t('portal.noCalls'), icon: <ScheduleOutlined />, body: <LatestCalls empty={t('portal.noCalls')} /> },
    { title: t('portal.notices'), empty: t('portal.noNotices'), icon: <NotificationOutlined />, body: <LatestNotices empty={t('portal.noNotices')} /> },
    { title: t('portal.filings'), empty: t('portal.noFilings'), icon: <FileDoneOutlined />, body: <LatestFilingLists empty={t('portal.noFilings')} /> },
    { title: t('portal.policies'), empty: t('portal.noPolicies'), icon: <FileTextOutlined />, body: <LatestPolicies empty={t('portal.noPolicies')} /> },
  ];
  return (
    <PortalFrame>
        <section style={{ marginBottom: 32 }}>
          {/* Scaled with the viewport so the site's name stays on one line on a phone. */}
          <Typography.Title level={1} style={{ fontSize: 'clamp(22px, 6vw, 30px)' }}>
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
