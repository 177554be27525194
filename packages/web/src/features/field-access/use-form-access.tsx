import { useMemo, type ReactNode } from 'react';
import { ReadOnlyMark } from '../../components/record-bits';
import { useFieldAccess } from './api';
import { withoutUnwritable, type FieldRuleEntity } from './model';

/** What a record form needs to know of the member's field access (字段权限) for one record type. */
export interface FormAccess {
  /** The field is shown at all: hidden ones are not rendered. */
  shows: (field: string) => boolean;
  /** The field is shown but disabled: the member may not change it. */
  locked: (field: string) => boolean;
  /** The item's label, with a lock when the field is read-only. */
  label: (field: string, text: ReactNode) => ReactNode;
  /** The body with only the fields the member may write (custom ones inside `custom` too). */
  strip: <T extends object>(body: T) => T;
  /** See `useFieldAccess`: re-reads the rules after the server refused a field. */
  refreshIfDenied: (error: unknown) => boolean;
}

export function useFormAccess(entity: FieldRuleEntity): FormAccess {
  const access = useFieldAccess();
  return useMemo(
    () => ({
      shows: (field) => !access.isHidden(entity, field),
      locked: (field) => access.isReadOnly(entity, field),
      label: (field, text) =>
        access.isReadOnly(entity, field) ? (
          <span>
            {text}
            <ReadOnlyMark />
          </span>
        ) : (
          text
        ),
      strip: (body) => withoutUnwritable(body, entity, access),
      refreshIfDenied: access.refreshIfDenied,
    }),
    [access, entity],
  );
}
