import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { MyFieldAccessSchema, type FieldRules } from '@kairos/domain/field-access';
import { ApiError, request } from '../../lib/api';
import { workspaceSettingsKey } from '../../lib/directory';
import { saveSettings } from '../settings/api';
import { fieldAccessView, type FieldAccessView } from './model';

/**
 * Field-level access (字段权限) as the UI reads and changes it. Every record screen asks what the member
 * may see and write (`useFieldAccess`); administrators change the rules in the workspace settings
 * (`useSaveFieldRules`), which refreshes everyone's view of the records on this device.
 */

export const fieldAccessKey = ['field-access'] as const;
/** Record queries whose answers leave hidden fields out: refetched when the rules change. */
const RECORD_ROOTS = [['customers'], ['contacts'], ['opportunities'], ['followups'], ['views']] as const;

export interface FieldAccessState extends FieldAccessView {
  /** The answer is in, or failed (until then, and after a failure, nothing counts as restricted: the server still refuses). */
  ready: boolean;
  /**
   * For a write's or a list's error: when the server refused a field as read-only or hidden, the rules
   * changed since they were read; reads them again so the screen catches up. Returns whether it was one.
   */
  refreshIfDenied: (error: unknown) => boolean;
}

/** The signed-in member's hidden and read-only fields per record type; rules change rarely, so kept a minute. */
export function useFieldAccess(): FieldAccessState {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: fieldAccessKey,
    queryFn: ({ signal }) => request('/api/fields/access', { schema: MyFieldAccessSchema, signal }),
    staleTime: 60_000,
  });
  const refreshIfDenied = useCallback(
    (error: unknown) => {
      const denied = error instanceof ApiError && !!error.problem.fields?.some((f) => f.code === 'read_only' || f.code === 'hidden_field');
      if (denied) void queryClient.invalidateQueries({ queryKey: fieldAccessKey });
      return denied;
    },
    [queryClient],
  );
  const view = useMemo(() => fieldAccessView(query.data), [query.data]);
  return useMemo(() => ({ ...view, ready: !query.isPending, refreshIfDenied }), [view, query.isPending, refreshIfDenied]);
}

/** Saves the workspace's field rules (administrators); the answer is the whole new settings object. */
export function useSaveFieldRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fieldRules: FieldRules) => saveSettings({ fieldRules }),
    onSuccess: (settings) => {
      queryClient.setQueryData(workspaceSettingsKey, settings);
      // The admin's own access may have changed, and with it what every record answer holds.
      return Promise.all([fieldAccessKey, ...RECORD_ROOTS].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}
