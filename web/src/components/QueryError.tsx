import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';

/** A failed load: the server's message in the user's language, its request id for support, a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Result
      status="warning"
      title={t('error.loadFailed')}
      subTitle={
        <>
          <div role="alert">{errorMessage(error)}</div>
          {requestId && <div>{t('error.requestId', { id: requestId })}</div>}
        </>
      }
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
