import { ClockCircleOutlined } from '@ant-design/icons';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Todo, TodoItem } from '../../api/workbench';
import { currentLanguage } from '../../i18n';
import { formatDateTime } from '../../lib/format';

/** What the card is about: the stage and call for stage work, the kind of work otherwise. */
function heading(todo: Todo, t: (k: string) => string, en: boolean) {
  if (todo.stage) return { title: en ? todo.stage.nameEn : todo.stage.name, subtitle: todo.call ? `${t(`workbench.kind.${todo.kind}`)} · ${todo.call.title}` : t(`workbench.kind.${todo.kind}`) };
  return { title: t(`workbench.kind.${todo.kind}`), subtitle: null };
}

/** The line under a record: its call, or what the count in `detail` means for this kind of work. */
function detailOf(todo: Todo, item: TodoItem, t: (k: string, o?: Record<string, unknown>) => string) {
  if (!item.detail) return null;
  switch (todo.kind) {
    case 'objections':
    case 'recommendation_drafts':
    case 'change_reports':
      return t(`workbench.detail.${todo.kind}`, { count: Number(item.detail) });
    case 'open_calls':
      return t('workbench.detail.open_calls', { spaces: item.detail });
    case 'revocation_proposals':
      return t(`revocation.grounds.${item.detail}`);
    case 'support_alerts':
      return `${item.detail} ${t(`supportAlerts.rule.${item.detail}`)}`;
    case 'statistics_returns':
      return item.detail === 'returned' ? t('workbench.detail.statistics_returns') : item.detail;
    default:
      return item.detail;
  }
}

/**
 * One kind of work: how many, how many overdue (red), the earliest due date, the first few records
 * each linking to where it is done, and the full list's page.
 */
export function TodoCard({ todo }: { todo: Todo }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en-US';
  const { title, subtitle } = heading(todo, t, en);
  const dueLabel = t(`workbench.due.${todo.kind}`);
  return (
    <Card
      size="small"
      data-testid="todo-card"
      data-kind={todo.kind}
      style={{ height: '100%', borderColor: todo.overdue ? 'var(--ant-color-error-border, #ffccc7)' : undefined }}
      title={
        <Flex vertical style={{ padding: '6px 0', minWidth: 0 }}>
          <Typography.Text strong ellipsis={{ tooltip: title }}>
            {title}
          </Typography.Text>
          {subtitle && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: subtitle }} style={{ fontSize: 12, fontWeight: 'normal' }}>
              {subtitle}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={<Link to={todo.link}>{t('workbench.viewAll')}</Link>}
    >
      <Flex align="baseline" gap={8} wrap>
        <Link to={todo.link} data-testid="todo-count" style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.2 }}>
          {todo.count}
        </Link>
        <Typography.Text type="secondary">{t(`workbench.unit.${todo.kind}`)}</Typography.Text>
        {todo.overdue > 0 && (
          <Tag color="red" data-testid="todo-overdue">
            {t('workbench.overdue', { count: todo.overdue })}
          </Tag>
        )}
      </Flex>
      {todo.dueAt && (
        <Typography.Text type={todo.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          <ClockCircleOutlined /> {t('workbench.earliestDue', { label: dueLabel, time: formatDateTime(todo.dueAt) })}
        </Typography.Text>
      )}
      {todo.items.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          split={false}
          dataSource={todo.items}
          renderItem={(item) => {
            const detail = detailOf(todo, item, t);
            return (
              <List.Item style={{ padding: '4px 0', display: 'block' }}>
                <Flex justify="space-between" gap={8}>
                  <Link to={item.link} style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={item.title}>
                    {item.title}
                  </Link>
                  {item.overdue && <Tag color="red">{t('workbench.overdueTag')}</Tag>}
                </Flex>
                <Flex justify="space-between" gap={8}>
                  <Typography.Text type="secondary" ellipsis={{ tooltip: detail }} style={{ fontSize: 12 }}>
                    {detail}
                  </Typography.Text>
                  {item.dueAt && (
                    <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                      {formatDateTime(item.dueAt)}
                    </Typography.Text>
                  )}
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
