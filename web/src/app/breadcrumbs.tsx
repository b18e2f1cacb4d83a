import { Breadcrumb } from 'antd';
import { createContext, type ReactNode, use, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { NAV_ITEMS } from './navigation';

type SetTitle = (title: string | undefined) => void;

const DetailTitleContext = createContext<SetTitle>(() => undefined);

/**
 * A detail page names itself in the breadcrumb trail (the space's name, the notice's title) once it
 * has loaded; until then the trail says 详情.
 */
export function useBreadcrumbTitle(title: string | undefined) {
  const set = use(DetailTitleContext);
  useEffect(() => {
    set(title);
    return () => set(undefined);
  }, [set, title]);
}

/** 首页 / the menu item / the detail page: where the user is, and one click back up. */
export function Breadcrumbs({ user, children }: { user: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [detailTitle, setDetailTitle] = useState<string>();
  const item = NAV_ITEMS.find((i) => i.allowed(user) && (pathname === i.path || (i.detail && pathname.startsWith(`${i.path}/`))));
  const onDetail = item !== undefined && pathname !== item.path;
  const trail = [
    { key: 'home', title: <Link to="/app">{t('layout.home')}</Link> },
    ...(item ? [{ key: 'item', title: onDetail ? <Link to={item.path}>{t(item.label)}</Link> : t(item.label) }] : []),
    ...(onDetail ? [{ key: 'detail', title: detailTitle ?? t('layout.detail') }] : []),
  ];
  return (
    <DetailTitleContext value={setDetailTitle}>
      <nav aria-label={t('layout.breadcrumb')}>
        <Breadcrumb items={trail} style={{ marginBottom: 16 }} />
      </nav>
      {children}
    </DetailTitleContext>
  );
}
