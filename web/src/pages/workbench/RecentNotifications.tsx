import { Badge, Card, Empty, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Workbench } from '../../api/workbench';
import { formatDateTime } from '../../lib/format';

/** The newest notifications, unread in bold, each opening its page; the notifications page has them all. */
export function RecentNotifications({ notifications }: { notifications: Workbench['notifications'] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="recent-notifications"
      title={
        <span>
          {t('workbench.notifications.title')}
          {notifications.unread > 0 && (
            <Typography.Text type="danger" style={{ marginLeft: 8, fontWeight: 'normal', fontSize: 12 }}>
              {t('workbench.notifications.unread', { count: notifications.unread })}
            </Typography.Text>
          )}
        </span>
      }
      extra={<Link to="/app/notifications">{t('workbench.notifications.all')}</Link>}
    >
      {notifications.items.length ? (
        <List
          size="small"
          dataSource={notifications.items}
          renderItem={(n) => (
            <List.Item style={{ display: 'block', padding: '6px 0' }}>
              <Badge status={n.read ? 'default' : 'error'} />
              {n.link?.startsWith('/') ? (
                <Link to={n.link} style={{ fontWeight: n.read ? 'normal' : 600 }}>
                  {n.title}
                </Link>
              ) : (
                <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
              )}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.notifications.empty')} />
      )}
    </Card>
  );
}
