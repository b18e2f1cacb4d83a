import { CalendarOutlined, CheckCircleOutlined, CustomerServiceOutlined, LoginOutlined, ReadOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeskCard } from '../../api/platformStats';

const ICONS: Record<DeskCard['kind'], ReactNode> = {
  bookings_today: <CalendarOutlined />,
  approvals: <CheckCircleOutlined />,
  check_ins: <LoginOutlined />,
  open_orders: <CustomerServiceOutlined />,
  mentor_sessions: <ReadOutlined />,
};

/** The second line of a card: in use now, orders by state, coaching minutes and mentors. */
function detailOf(t: (key: string, o?: Record<string, unknown>) => string, card: DeskCard): string | null {
  const d = card.detail;
  switch (card.kind) {
    case 'bookings_today':
    case 'check_ins':
      return t('platformStats.desk.inUse', { count: d.inUse ?? 0 });
    case 'open_orders':
      return t('platformStats.desk.orders', { toQuote: d.toQuote ?? 0, quoted: d.quoted ?? 0, toDeliver: d.toDeliver ?? 0 });
    case 'mentor_sessions':
      return t('platformStats.desk.coaching', { hours: Math.round(((d.minutes ?? 0) / 60) * 10) / 10, mentors: d.activeMentors ?? 0, pending: d.pendingRelations ?? 0 });
    default:
      return null;
  }
}

/** 空间服务台: the operator's spaces today — bookings, approvals, check-ins, open orders, this month's coaching — each opening its page. */
export function DeskCards({ cards }: { cards: DeskCard[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('platformStats.desk.title')} data-testid="space-desk">
      <Row gutter={[12, 12]}>
        {cards.map((card) => {
          const detail = detailOf(t, card);
          return (
            <Col key={card.kind} flex="1 1 180px">
              <Link to={card.link} data-testid={`desk-${card.kind}`}>
                <Card size="small" hoverable>
                  <Statistic title={t(`platformStats.desk.kind.${card.kind}`)} value={card.count} prefix={ICONS[card.kind]} suffix={t(`platformStats.desk.unit.${card.kind}`)} />
                  {detail && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {detail}
                    </Typography.Text>
                  )}
                </Card>
              </Link>
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
