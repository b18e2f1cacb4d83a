import { Button, Card, Checkbox, Flex, Form, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '../api/types';
import { notificationsApi, unreadCountKey, useUnreadCount } from '../api/notifications';
import { PagedTable } from '../components/PagedTable';
import { useAction } from '../components/useAction';
import { formatDateTime } from '../lib/format';

const LIST_KEY = 'notifications';

export default function Notifications() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  // The list and the header badge both change when something is read.
  const markRead = useAction((id: string) => notificationsApi.markRead(id), [[LIST_KEY], unreadCountKey], () =>
    t('notifications.markedRead'),
  );
  const markAll = useAction(
    () => notificationsApi.markAllRead(),
    [[LIST_KEY], unreadCountKey],
    (r) => t('notifications.markedAllRead', { count: r.count }),
  );

  return (
    <Card
      title={t('notifications.title')}
      extra={
        <Flex gap={12} align="center">
          {unread.data && <Typography.Text type="secondary">{t('notifications.unreadCount', { count: unread.data.count })}</Typography.Text>}
          <Button onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!unread.data?.count}>
            {t('notifications.markAllRead')}
          </Button>
        </Flex>
      }
    >
      <PagedTable<Notification, { unread?: boolean }>
        queryKey={LIST_KEY}
        list={notificationsApi.list}
        rowKey="id"
        emptyText={t('notifications.empty')}
        filters={
          <Form.Item name="unread" valuePropName="checked">
            <Checkbox>{t('notifications.onlyUnread')}</Checkbox>
          </Form.Item>
        }
        toQuery={(v) => ({ unread: v.unread ? true : undefined })}
        columns={[
          {
            title: t('notifications.colStatus'),
            dataIndex: 'readAt',
            width: 90,
            render: (readAt: string | null) =>
              readAt ? <Tag>{t('notifications.read')}</Tag> : <Tag color="red">{t('notifications.unread')}</Tag>,
          },
          {
            title: t('notifications.colTitle'),
            dataIndex: 'title',
            render: (title: string, n) => (n.readAt ? title : <Typography.Text strong>{title}</Typography.Text>),
          },
          { title: t('notifications.colBody'), dataIndex: 'body', ellipsis: true },
          { title: t('notifications.colTime'), dataIndex: 'createdAt', render: formatDateTime, width: 190 },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 180,
            render: (_, n) => (
              <Flex gap={8}>
                {n.link?.startsWith('/') && <Link to={n.link}>{t('notifications.open')}</Link>}
                {!n.readAt && (
                  <Button type="link" size="small" onClick={() => markRead.mutate(n.id)}>
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
