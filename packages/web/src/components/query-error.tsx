import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isForbidden, useErrorText } from '../lib/errors';
import { ForbiddenState } from './status-pages';

/** A failed load: the forbidden page for 403, otherwise the server's message with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (isForbidden(error)) return <ForbiddenState />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('errors.loadFailed')}
      description={errorText(error)}
      action={onRetry && <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
