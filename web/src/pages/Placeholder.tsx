import { Card, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { NAV_ITEMS } from '../app/navigation';

/** Stands in for a module a later issue builds, so each role's menu already has its final shape. */
export default function Placeholder() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const item = NAV_ITEMS.find((i) => i.path === pathname);
  return (
    <Card title={item && t(item.label)}>
      <Empty description={t('placeholder.coming')} />
    </Card>
  );
}
