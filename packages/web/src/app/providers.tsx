import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import type { ReactNode } from 'react';
import { ApiError, setCsrfToken } from '../lib/api';
import { meQueryKey } from '../lib/auth';
import { i18n, useLocale } from '../lib/i18n/i18n';

/** A 401 on any call means the session ended (expired, revoked, signed out elsewhere): drop it. */
function onApiError(error: unknown) {
  if (error instanceof ApiError && error.status === 401 && error.is('unauthenticated')) {
    setCsrfToken(null);
    queryClient.setQueryData(meQueryKey, null);
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not change by asking again; only retry what may be transient.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

export const BRAND_COLOR = '#2f54eb';

function ThemedApp({ children }: { children: ReactNode }) {
  const locale = useLocale();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      // A static loading icon: antd's animated one can stay in the DOM after a fast request (its leave
      // transition never ends), leaving "loading" in the button's accessible name.
      button={{ autoInsertSpace: false, loadingIcon: <LoadingOutlined /> }}
      theme={{
        algorithm: antTheme.defaultAlgorithm,
        token: {
          colorPrimary: BRAND_COLOR,
          colorInfo: BRAND_COLOR,
          borderRadius: 8,
          colorBgLayout: '#f4f6fb',
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#0c1433', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px' },
          Menu: {
            darkItemBg: '#0c1433',
            darkSubMenuItemBg: '#0c1433',
            darkItemSelectedBg: BRAND_COLOR,
            darkGroupTitleColor: 'rgba(255,255,255,0.45)',
            itemBorderRadius: 6,
          },
          Card: { borderRadiusLG: 10 },
          Table: { headerBg: '#fafbfd' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ThemedApp>{children}</ThemedApp>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
