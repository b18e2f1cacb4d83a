import { DeleteOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, List, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client';
import { POLICY_THEMES, policiesApi, SUBSCRIPTION_CHANNELS, type Subscription } from '../../api/policies';
import { QueryError } from '../../components/QueryError';
import { RegionCascader } from '../../components/RegionCascader';
import { useFormErrors } from '../../components/useFormErrors';
import { formatDateTime } from '../../lib/format';

interface Values {
  keywords: string[];
  themes: (typeof POLICY_THEMES)[number][];
  regionPath?: string[];
  channel: Subscription['channel'];
}

/**
 * 政策订阅: the user's standing searches; a new policy that matches one arrives once, as an in-app
 * notification and, when the subscription asks for it, a mail to the account's own address.
 */
export default function PolicySubscriptions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const [busy, setBusy] = useState(false);
  const query = useQuery({ queryKey: ['policy-subscriptions'], queryFn: policiesApi.subscriptions });

  async function add(v: Values) {
    if (!v.keywords?.length && !v.themes?.length && !v.regionPath?.length) {
      form.setFields([{ name: 'keywords', errors: [t('policies.subscriptions.needOne')] }]);
      return;
    }
    setBusy(true);
    try {
      await policiesApi.subscribe({ keywords: v.keywords ?? [], themes: v.themes ?? [], regionCode: v.regionPath?.at(-1) ?? null, channel: v.channel });
      message.success(t('policies.subscriptions.added'));
      form.resetFields();
      errors.clear();
      await queryClient.invalidateQueries({ queryKey: ['policy-subscriptions'] });
    } catch (err) {
      errors.onError(err);
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await policiesApi.unsubscribe(id);
      message.success(t('policies.subscriptions.removed'));
      await queryClient.invalidateQueries({ queryKey: ['policy-subscriptions'] });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <Card
      title={
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('policies.subscriptions.title')}
        </Typography.Title>
      }
      extra={<Link to="/portal/policies">{t('policies.library')}</Link>}
    >
      <Typography.Paragraph type="secondary">{t('policies.subscriptions.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void add(v)} initialValues={{ keywords: [], themes: [], channel: 'in_app' }} style={{ maxWidth: 720 }}>
        {errors.alert}
        <Form.Item name="keywords" label={t('policies.subscriptions.keywords')} extra={t('policies.admin.keywordsHelp')}>
          <Select mode="tags" open={false} tokenSeparators={['，', ',', '；', ';']} data-testid="subscription-keywords" />
        </Form.Item>
        <Form.Item name="themes" label={t('policies.subscriptions.themes')}>
          <Select mode="multiple" options={POLICY_THEMES.map((x) => ({ value: x, label: t(`policies.theme.${x}`) }))} />
        </Form.Item>
        <Form.Item name="regionPath" label={t('policies.subscriptions.region')} extra={t('policies.subscriptions.regionHelp')}>
          <RegionCascader />
        </Form.Item>
        <Form.Item name="channel" label={t('policies.subscriptions.channel')} extra={t('policies.subscriptions.channelHelp')}>
          <Radio.Group data-testid="subscription-channel" options={SUBSCRIPTION_CHANNELS.map((c) => ({ value: c, label: t(`policies.subscriptions.channels.${c}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('policies.subscriptions.add')}
        </Button>
      </Form>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <List
          style={{ marginTop: 24 }}
          loading={query.isLoading}
          dataSource={query.data?.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policies.subscriptions.empty')} /> }}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Button key="r" type="text" danger icon={<DeleteOutlined />} onClick={() => void remove(s.id)}>
                  {t('policies.subscriptions.remove')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <>
                    {s.keywords.map((k) => (
                      <Tag key={k}>{k}</Tag>
                    ))}
                    {s.themes.map((x) => (
                      <Tag key={x} color="blue">
                        {t(`policies.theme.${x}`)}
                      </Tag>
                    ))}
                    <Tag color="green">{s.regionName ?? t('policies.subscriptions.anyRegion')}</Tag>
                  </>
                }
                description={`${t('policies.subscriptions.channel')}：${t(`policies.subscriptions.channels.${s.channel}`)} · ${t('policies.subscriptions.createdAt')} ${formatDateTime(s.createdAt)}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
