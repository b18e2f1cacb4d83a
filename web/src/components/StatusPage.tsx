import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** 403 and 404 pages; `home` is where the button leads (portal or workspace). */
export function StatusPage({ status, home }: { status: 403 | 404; home: '/' | '/app' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, text] =
    status === 403 ? [t('status.forbiddenTitle'), t('status.forbidden')] : [t('status.notFoundTitle'), t('status.notFound')];
  return (
    <Result
      status={status}
      title={title}
      subTitle={text}
      extra={
        <Button type="primary" onClick={() => navigate(home)}>
          {home === '/' ? t('common.backHome') : t('common.backWorkspace')}
        </Button>
      }
    />
  );
}
