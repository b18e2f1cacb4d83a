import { Card, Col, Empty, Flex, Row, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkbench } from '../../api/workbench';
import { useCurrentUser } from '../../app/currentUser';
import { PageSpinner } from '../../components/PageSpinner';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { DeskCards } from './DeskCards';
import { RecentNotifications } from './RecentNotifications';
import { TodoCard } from './TodoCard';

// The charts (ECharts) load only for the authorities that get figures: operators and experts never download them.
const Figures = lazy(() => import('./Figures'));

/**
 * 工作台, where every signed-in user lands: the to-dos (most urgent first, overdue in red, each
 * linking to where it is done), the newest notifications, and for authorities their jurisdiction's
 * figures. The server decides what is the actor's (GET /api/workbench).
 */
export default function Workbench() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const query = useWorkbench();
  const data = query.data;

  if (!data) return query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : <PageSpinner />;

  return (
    <Flex vertical gap={16} data-testid="workbench">
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('workbench.title')}
            </Typography.Title>
            <Typography.Text type="secondary">
              {t('workbench.greeting', { name: me.user.displayName })} · {me.organisation.name}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workbench.loadedAt', { time: formatDateTime(data.generatedAt) })} · {t('workbench.timeZone')}
          </Typography.Text>
        </Flex>
      </Card>
      {data.desk && <DeskCards cards={data.desk} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card
            title={t('workbench.todos')}
            extra={data.todos.length > 0 && <Typography.Text type="secondary">{t('workbench.todoTotal', { count: data.todos.length })}</Typography.Text>}
            data-testid="todos"
          >
            {data.todos.length ? (
              <Row gutter={[12, 12]}>
                {data.todos.map((todo) => (
                  <Col xs={24} md={12} key={`${todo.kind}/${todo.call?.id ?? ''}/${todo.stage?.key ?? ''}`}>
                    <TodoCard todo={todo} />
                  </Col>
                ))}
              </Row>
            ) : (
              <Empty data-testid="todos-empty" description={<Typography.Text strong>{t('workbench.empty')}</Typography.Text>}>
                <Typography.Text type="secondary">{t('workbench.emptyHint')}</Typography.Text>
              </Empty>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <RecentNotifications notifications={data.notifications} />
        </Col>
      </Row>
      {data.figures && (
        <Suspense fallback={<PageSpinner />}>
          <Figures figures={data.figures} />
        </Suspense>
      )}
    </Flex>
  );
}
