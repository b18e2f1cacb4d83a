import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { applicationsApi, type OpenCall } from '../../api/applications';
import { errorMessage } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';

/** 申报批次: the calls the operator's spaces may apply to now, with "开始申报" per eligible space. */
export default function OpenCalls() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [starting, setStarting] = useState<string | null>(null);
  const query = useQuery({ queryKey: ['calls-open'], queryFn: () => applicationsApi.openCalls() });
  // A space already applying to a call continues its application instead of starting another.
  const mine = useQuery({
    queryKey: ['applications', { page: 1, pageSize: 100 }],
    queryFn: () => applicationsApi.list({ page: 1, pageSize: 100 }),
  });
  const existing = new Map(mine.data?.items.map((a) => [`${a.call.id}/${a.space.id}`, a.id]));

  async function start(call: OpenCall, spaceId: string) {
    setStarting(`${call.id}/${spaceId}`);
    try {
      const created = await applicationsApi.create({ callId: call.id, spaceId });
      message.success(t('calls.started'));
      navigate(`/app/applications/${created.id}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setStarting(null);
    }
  }

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Spin />;
  return (
    <Card title={t('calls.title')}>
      {query.data.items.length === 0 && <Empty description={t('calls.empty')} />}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {query.data.items.map((call) => (
          <Card
            key={call.id}
            type="inner"
            data-testid="open-call"
            title={
              <Space wrap>
                {call.title}
                <Tag color="blue">{t(`calls.level.${call.level}`)}</Tag>
              </Space>
            }
          >
            {call.description && <Typography.Paragraph>{call.description}</Typography.Paragraph>}
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('calls.authority')}>{call.authority.name}</Descriptions.Item>
              <Descriptions.Item label={t('calls.window')}>
                {formatDateTime(call.opensAt)} — {formatDateTime(call.closesAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('calls.categories')}>{call.eligibleCategories.map((c) => t(`calls.category.${c}`)).join(t('common.separator'))}</Descriptions.Item>
              <Descriptions.Item label={t('calls.ruleSet')}>{call.ruleSet?.title ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('calls.materials')} span={2}>
                {call.materialSlots.map((s) => (
                  <Tag key={s.key} color={s.required ? 'red' : undefined}>
                    {s.name}
                  </Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
            <Space wrap style={{ marginTop: 12 }}>
              {call.eligibleSpaces.length === 0 && <Typography.Text type="secondary">{t('calls.noEligible')}</Typography.Text>}
              {call.eligibleSpaces.map((s) => {
                const appId = existing.get(`${call.id}/${s.id}`);
                return appId ? (
                  <Button key={s.id} onClick={() => navigate(`/app/applications/${appId}`)}>
                    {t('calls.continue', { space: s.name })}
                  </Button>
                ) : (
                  <Button key={s.id} type="primary" loading={starting === `${call.id}/${s.id}`} onClick={() => void start(call, s.id)}>
                    {t('calls.start', { space: s.name })}
                  </Button>
                );
              })}
            </Space>
          </Card>
        ))}
      </Space>
    </Card>
  );
}
