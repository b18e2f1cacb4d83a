import { DownloadOutlined, FileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, Flex, List, Row, Steps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type PortalCall, portalApi } from '../../api/portal';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from '../applications/parts';
import { ConditionTree } from '../criteria/ConditionTree';
import { CallStateTag } from './callParts';
import { PortalFrame } from './PortalFrame';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Card
      data-testid={testId}
      title={
        <Typography.Title level={2} style={{ fontSize: 17, margin: 0 }}>
          {title}
        </Typography.Title>
      }
    >
      {children}
    </Card>
  );
}

/** Where the call stands, in one sentence with the time that matters next. */
function WindowAlert({ call }: { call: PortalCall }) {
  const { t } = useTranslation();
  const type = call.state === 'open' ? 'success' : call.state === 'upcoming' ? 'info' : 'warning';
  const time = formatDateTime(call.state === 'upcoming' ? call.opensAt : call.closesAt);
  return <Alert type={type} showIcon title={t(`portal.call.window.${call.state}`, { time })} data-testid="call-window" />;
}

/** 如何申报: the steps from a first visit to a submitted application, with registration and sign-in at hand. */
function HowToApply({ call }: { call: PortalCall }) {
  const { t } = useTranslation();
  return (
    <Section title={t('portal.call.howToApply')} testId="call-how-to-apply">
      <Steps
        orientation="vertical"
        size="small"
        current={-1}
        items={(['register', 'space', 'fill', 'submit'] as const).map((step) => ({ title: t(`portal.call.steps.${step}.title`), content: t(`portal.call.steps.${step}.text`) }))}
      />
      {call.state === 'closed' && <Alert type="warning" showIcon title={t('portal.call.closedHint')} style={{ marginBottom: 12 }} />}
      <Flex gap={8} wrap>
        <Link to="/register">
          <Button type="primary">{t('portal.call.register')}</Button>
        </Link>
        <Link to="/login">
          <Button>{t('portal.call.login')}</Button>
        </Link>
      </Flex>
    </Section>
  );
}

/**
 * One published call as the public reads it: the facts and window, the guide, the conditions in words
 * (the pinned rule set, read-only), the materials, the documents to download, the review path and
 * how to apply.
 */
export default function PublicCallDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['portal-call', id], queryFn: () => portalApi.call(id) });
  const call = query.data;
  const english = currentLanguage() === 'en-US';

  return (
    <PortalFrame>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ title: <Link to="/">{t('portal.nav.home')}</Link> }, { title: <Link to="/portal/calls">{t('portal.calls')}</Link> }, { title: call?.title ?? '' }]}
      />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !call ? (
        <PageSpinner />
      ) : (
        <Flex vertical gap={16}>
          <Card>
            <Typography.Title level={1} style={{ fontSize: 'clamp(18px, 5vw, 22px)', marginTop: 0 }}>
              {call.title}
            </Typography.Title>
            <Flex gap={8} wrap style={{ marginBottom: 16 }}>
              <Tag color="blue">{t(`calls.level.${call.level}`)}</Tag>
              <CallStateTag state={call.state} />
            </Flex>
            <WindowAlert call={call} />
            <Descriptions
              column={{ xs: 1, md: 2 }}
              size="small"
              style={{ marginTop: 16 }}
              items={[
                { key: 'authority', label: t('calls.authority'), children: call.authority.name },
                { key: 'region', label: t('portal.call.region'), children: call.regionName },
                { key: 'year', label: t('portal.call.year'), children: call.year },
                { key: 'published', label: t('portal.call.publishedAt'), children: formatDateTime(call.publishedAt) },
                {
                  key: 'window',
                  label: t('calls.window'),
                  span: 'filled',
                  children: <span data-testid="call-period">{t('portal.call.period', { opens: formatDateTime(call.opensAt), closes: formatDateTime(call.closesAt) })}</span>,
                },
                {
                  key: 'categories',
                  label: t('calls.categories'),
                  span: 'filled',
                  children: (
                    <Flex gap={4} wrap>
                      {call.eligibleCategories.map((c) => (
                        <Tag key={c}>{t(`calls.category.${c}`)}</Tag>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Flex vertical gap={16}>
                <Section title={t('portal.call.guide')} testId="call-guide">
                  {call.description ? (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{call.description}</Typography.Paragraph>
                  ) : (
                    <Typography.Text type="secondary">{t('portal.call.noGuide')}</Typography.Text>
                  )}
                </Section>
                <Section title={t('portal.call.conditions')} testId="call-conditions">
                  {call.criteria ? (
                    <>
                      <Typography.Paragraph type="secondary">
                        {t('portal.call.conditionsSource', { title: call.criteria.title, source: call.criteria.source })}
                      </Typography.Paragraph>
                      <ConditionTree conditions={call.criteria.conditions} />
                    </>
                  ) : (
                    <Typography.Text type="secondary">{t('portal.call.noConditions')}</Typography.Text>
                  )}
                </Section>
                <Section title={t('portal.call.materials')} testId="call-materials">
                  <List
                    size="small"
                    dataSource={call.materialSlots}
                    renderItem={(s) => (
                      <List.Item>
                        <List.Item.Meta
                          title={
                            <Flex gap={8} wrap align="center">
                              {s.name}
                              {s.required ? <Tag color="red">{t('portal.call.required')}</Tag> : <Tag>{t('portal.call.optional')}</Tag>}
                            </Flex>
                          }
                          description={s.description}
                        />
                      </List.Item>
                    )}
                  />
                </Section>
              </Flex>
            </Col>
            <Col xs={24} lg={8}>
              <Flex vertical gap={16}>
                <HowToApply call={call} />
                <Section title={t('portal.call.documents')} testId="call-documents">
                  {call.documents.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.call.noDocuments')} />
                  ) : (
                    <List
                      size="small"
                      dataSource={call.documents}
                      renderItem={(d) => (
                        <List.Item
                          actions={[
                            <a key="download" href={portalApi.documentUrl(call.id, d.id)} download aria-label={t('portal.call.download', { name: d.name })}>
                              <DownloadOutlined />
                            </a>,
                          ]}
                        >
                          <List.Item.Meta
                            avatar={<FileOutlined />}
                            title={
                              <a href={portalApi.documentUrl(call.id, d.id)} download style={{ wordBreak: 'break-all' }}>
                                {d.name}
                              </a>
                            }
                            description={formatBytes(d.sizeBytes)}
                          />
                        </List.Item>
                      )}
                    />
                  )}
                </Section>
                {call.stages.length > 0 && (
                  <Section title={t('portal.call.stages')} testId="call-stages">
                    <Steps orientation="vertical" size="small" current={-1} items={call.stages.map((s) => ({ title: english ? s.nameEn : s.name }))} />
                  </Section>
                )}
              </Flex>
            </Col>
          </Row>
        </Flex>
      )}
    </PortalFrame>
  );
}
