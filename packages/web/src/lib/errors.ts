import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from './api';

/** The text to show a person for a failed call: the server's localised message when there is one. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) return error.problem.detail || error.problem.title || t('errors.unexpected');
      if (error instanceof NetworkError) return t('errors.network');
      return t('errors.unexpected');
    },
    [t],
  );
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}
