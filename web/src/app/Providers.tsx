import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from './queryClient';

// Office PCs in China have Microsoft YaHei; Linux desktops and CI have Noto or WenQuanYi.
const FONTS = `-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei',
  'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif`;

// Users who ask their system for less motion get no animations (WCAG 2.3.3); the browser tests ask
// too, so no click lands on a drop-down that is still sliding in.
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Ant Design's own texts (pagination, pickers, empty states) follow the UI language. */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en-US' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1d4f91', borderRadius: 4, fontFamily: FONTS, motion: !reducedMotion } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
