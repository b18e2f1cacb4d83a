import { FileDoneOutlined, FileTextOutlined, NotificationOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Layout, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** The public portal; its sections fill in as the calls, notices, lists and policy modules land. */
export default function PortalHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sections: { title: string; empty: string; icon: ReactNode }[] = [
    { title: t('portal.calls'), empty: t('portal.noCalls'), icon: <ScheduleOutlined /> },
    { title: t('portal.notices'), empty: t('portal.noNotices'), icon: <NotificationOutlined /> },
    { title: t('portal.filings'), empty: t('portal.noFilings'), icon: <FileDoneOutlined /> },
    { title: t('portal.policies'), empty: t('portal.noPolicies'), icon: <FileTextOutlined /> },
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', paddingInline: 24 }}>
        <Typography.Text style={{ color: '#fff', fontSize: 18, fontWeight: 600 }}>{t('app.short')}</Typography.Text>
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          <LanguageSwitch dark />
          <Button type="primary" onClick={() => navigate('/login')}>
            {t('common.login')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '32px 24px', maxWidth: 1200, width: '100%', margin: '0 auto' }}>
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
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.empty} />
              </Card>
            </Col>
          ))}
        </Row>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>{t('portal.footer')}</Layout.Footer>
    </Layout>
  );
}
