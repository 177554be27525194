import { useQueryClient } from '@tanstack/react-query';
import { App, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { CustomField } from '@kairos/domain/custom-fields';
import type { View, ViewEntity } from '@kairos/domain/views';
import { ApiError } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { customFieldLabel, useCustomFields } from '../../lib/custom-fields';
import { useErrorText } from '../../lib/errors';
import { CustomValue, useCustomValueContext } from '../../components/custom-field-values';
import { useFieldAccess } from '../field-access/api';
import { visibleFields } from '../field-access/model';
import { currentViewOf, useCreateView, useDeleteView, useStoreView, useUpdateView, useViews, viewListKey } from './api';
import {
  canChangeView,
  columnsOfView,
  customColumn,
  customKeyOf,
  mayShareViews,
  parseStoredColumns,
  sameFilters,
  splitFilters,
  viewFilters,
  visibleColumns,
  VIEW_COLUMNS,
  type BuiltInColumn,
  type ListQuery,
} from './model';

/**
 * One list's saved views and columns, merged from three places: the view named in the URL (`?view=<id>`,
 * so a link opens the same view), the view itself (filters, sort, columns, from the server), and what is
 * on screen (the list's own filter controls; with no view selected, the columns remembered on this
 * device). Selecting a view puts its filters into the list's controls, so every control keeps working as
 * before; "Save" writes the controls and columns back into the view.
 */

/** A built-in column's header and cell. */
export interface ColumnSpec<T> {
  title: string;
  render: (record: T) => ReactNode;
  align?: 'left' | 'right';
  width?: number;
}

interface ListRecord {
  custom: Record<string, unknown>;
}

/** Which view is on screen: the list's filter controls and the URL's `?view=`. */
export interface ViewSelectionOptions<E extends ViewEntity> {
  entity: E;
  /** Query parameters the list has controls for; a view's other filters (set through the API) still apply. */
  filterKeys: readonly string[];
  /** Puts a view's filters into the list's controls; `{}` empties them (the default view). */
  applyFilters: (filters: Record<string, string>) => void;
  /** False while something applyFilters needs is loading (the custom field definitions). */
  canApply?: boolean;
}

export interface ViewSelection<E extends ViewEntity> {
  entity: E;
  /** The caller's views and the shared ones; undefined while loading. */
  views: readonly View[] | undefined;
  viewsError: boolean;
  /** The view selected in the URL (also while it is being applied), or null for the default view. */
  selectedId: string | null;
  /** The view whose filters are in the controls (null: the default view). */
  active: View | null;
  select: (id: string | null) => void;
  /** The list may ask for records: its controls hold the selected view's filters. */
  ready: boolean;
  /** Changes whenever a view filled the controls: hand it to useDebouncedValue, so typed filters apply at once. */
  applied: number;
  /** Filters of the view the list has no controls for; they go into the list's query. */
  extra: Record<string, string>;
  clearExtra: () => void;
  /** Fills the controls from a view (or empties them) and makes it the one on screen. */
  applyView: (view: View | null) => void;
  /** Marks a view as shown without filling the controls (they hold it already: it was just saved from them). */
  markShown: (id: string) => void;
  /** Remembers a view this screen deletes, so its id leaving the URL is not reported as a broken link. */
  forget: (id: string) => void;
}

export interface ListViewOptions<E extends ViewEntity, T extends ListRecord> {
  /** The list's query from its controls, as the list sends it (paging left out; `extra` included). */
  filters: ListQuery;
  /** What the list asks for when a control is empty (the default sort); a view need not store it. */
  defaults?: Readonly<Record<string, string>>;
  /** Headers and cells of the built-in columns. */
  columns: Record<BuiltInColumn<E>, ColumnSpec<T>>;
}

export interface ColumnOption {
  key: string;
  label: string;
  custom: boolean;
}

export interface ViewValues {
  name: string;
  shared: boolean;
}

export interface ListView<T> extends ViewSelection<ViewEntity> {
  /** The columns shown, in order (record field names and `custom.<key>`). */
  columns: string[];
  setColumns: (columns: string[]) => void;
  resetColumns: () => void;
  /** Every column the list can show, built-in ones first. */
  columnOptions: ColumnOption[];
  tableColumns: TableColumnsType<T>;
  /** The custom fields among the shown columns, in order (phone cards show them). */
  customColumns: CustomField[];
  /** Filters or columns differ from the active view's. */
  modified: boolean;
  /** The caller may change (save, rename, delete) the active view. */
  canChange: boolean;
  mayShare: boolean;
  /** The list's query and columns as a view stores them. */
  snapshot: () => { filters: Record<string, string>; columns: string[] };
  save: () => void;
  saving: boolean;
  /** Saves what is on screen as a new view and selects it; rejects with the server's error for the form. */
  saveAs: (values: ViewValues) => Promise<void>;
  /** Renames the active view and shares or unshares it. */
  rename: (values: ViewValues) => Promise<void>;
  remove: () => Promise<void>;
}

const STORAGE_PREFIX = 'kairos.columns.';

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage can be disabled; the choice then lasts for this page only
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // not remembered; still applies on screen
  }
}

/**
 * Which view is on screen. Selecting one (or opening a link to it) fills the list's controls with its
 * filters once the view list (and what the controls need) has loaded; until then `ready` is false and the
 * list waits, so it never shows a flash of unfiltered records. A link to a view that is gone says so.
 */
export function useViewSelection<E extends ViewEntity>({ entity, filterKeys, applyFilters, canApply = true }: ViewSelectionOptions<E>): ViewSelection<E> {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const views = useViews(entity);
  /** The view whose filters are in the controls (null: the default view, which starts empty). */
  const [shownId, setShownId] = useState<string | null>(null);
  const [applied, setApplied] = useState(0);
  const [extra, setExtra] = useState<Record<string, string>>({});
  const forgotten = useRef(new Set<string>());

  const selectedId = params.get('view');
  const selected = selectedId ? (views.data?.find((v) => v.id === selectedId) ?? null) : null;
  // Not found in a list being refreshed may only mean "created a moment ago": wait for the answer.
  const missing = !!selectedId && (views.isError || (views.isSuccess && !views.isFetching && !selected));
  const target = selectedId && !missing ? selectedId : null;
  const active = shownId ? (views.data?.find((v) => v.id === shownId) ?? null) : null;

  const select = (id: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set('view', id);
        else next.delete('view');
        return next;
      },
      { replace: true },
    );

  const applyView = (view: View | null) => {
    const split = splitFilters(view?.filters ?? {}, filterKeys);
    applyFilters(split.controlled);
    setExtra(split.extra);
    setShownId(view?.id ?? null);
    setApplied((n) => n + 1);
  };

  // The URL names another view than the one on screen: apply it once it (and what applying needs) is loaded.
  useEffect(() => {
    if (target === shownId || !canApply || (target && !selected)) return;
    applyView(selected);
    // Runs for a change of view only: the list's callbacks are new on every render.
  }, [target, shownId, canApply, selected]);

  // A link to a view that is gone (deleted, or someone else's personal view), or views that would not load: say so and show everything.
  useEffect(() => {
    if (!missing || !selectedId) return;
    if (views.isError) void message.error(t('views.loadFailed'));
    else if (!forgotten.current.has(selectedId)) void message.warning(t('views.notFound'));
    select(null);
  }, [missing, selectedId]);

  return {
    entity,
    views: views.data,
    viewsError: views.isError,
    selectedId: target,
    active,
    select,
    ready: target === shownId,
    applied,
    extra,
    clearExtra: () => setExtra({}),
    applyView,
    markShown: setShownId,
    forget: (id) => forgotten.current.add(id),
  };
}

/**
 * The columns of a list and the view actions: what is shown (the active view's columns, or the ones
 * remembered on this device when no view is selected), whether it differs from the active view, and
 * saving, renaming and deleting views.
 */
export function useListView<E extends ViewEntity, T extends ListRecord>(selection: ViewSelection<E>, options: ListViewOptions<E, T>): ListView<T> {
  const { entity, active } = selection;
  const { filters, columns: specs } = options;
  const defaults = options.defaults ?? {};
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useSession();
  const ctx = useCustomValueContext();
  const fields = useCustomFields(entity);
  const create = useCreateView();
  const update = useUpdateView();
  const remove = useDeleteView();
  const storeView = useStoreView();
  const queryClient = useQueryClient();

  const registry = VIEW_COLUMNS[entity];
  const storageKey = `${STORAGE_PREFIX}${entity}`;
  const [localColumns, setLocalColumns] = useState<string[] | null>(() => parseStoredColumns(readStorage(storageKey)));
  /** Columns changed on screen since a view was applied (otherwise the view's own show). */
  const [draft, setDraft] = useState<{ applied: number; columns: string[] } | null>(null);
  const draftColumns = draft && draft.applied === selection.applied ? draft.columns : null;

  // 字段权限: fields hidden from the member's role are no columns for them (custom ones are `custom.<key>` in both).
  const access = useFieldAccess();
  const fieldList = useMemo(() => (fields.data ?? []).filter((f) => !access.isHidden(entity, customColumn(f.key))), [fields.data, access, entity]);
  const builtIn = useMemo(() => visibleFields(registry.builtIn, entity, access), [registry, entity, access]);
  const available = useMemo(() => [...builtIn, ...fieldList.map((f) => customColumn(f.key))], [builtIn, fieldList]);
  const chosen = active ? (draftColumns ?? columnsOfView(active, registry.defaults)) : (localColumns ?? registry.defaults);
  const shown = visibleColumns(chosen, available);
  const saved = viewFilters(filters, defaults);

  const modified =
    !!active &&
    selection.ready &&
    (!sameFilters(saved, viewFilters(active.filters, defaults)) || visibleColumns(columnsOfView(active, registry.defaults), available).join() !== shown.join());
  const mayShare = mayShareViews(me.permissions);
  const canChange = !!active && canChangeView(active, { userId: me.user.id, permissions: me.permissions });

  const setColumns = (next: string[]) => {
    if (active) {
      setDraft({ applied: selection.applied, columns: next });
      return;
    }
    setLocalColumns(next);
    writeStorage(storageKey, JSON.stringify(next));
  };

  const fieldByKey = new Map(fieldList.map((f) => [f.key, f]));
  const fieldOf = (column: string) => {
    const key = customKeyOf(column);
    return key ? fieldByKey.get(key) : undefined;
  };
  const customColumns = shown.flatMap((column) => fieldOf(column) ?? []);

  const columnOptions: ColumnOption[] = [
    ...builtIn.map((key) => ({ key, label: specs[key as BuiltInColumn<E>].title, custom: false })),
    ...fieldList.map((f) => ({ key: customColumn(f.key), label: customFieldLabel(f, ctx.locale), custom: true })),
  ];

  const tableColumns: TableColumnsType<T> = shown.map((column) => {
    const field = fieldOf(column);
    if (field)
      return {
        key: column,
        title: customFieldLabel(field, ctx.locale),
        render: (_: unknown, record: T) => (
          <span data-testid={`cell-${column}`}>
            <CustomValue field={field} value={record.custom[field.key]} ctx={ctx} />
          </span>
        ),
      };
    const spec = specs[column as BuiltInColumn<E>];
    return { key: column, title: spec.title, align: spec.align, width: spec.width, render: (_: unknown, record: T) => spec.render(record) };
  });

  /** Someone else saved the view first: show their version (filters and columns) and say so. A view gone meanwhile drops out. */
  const onWriteError = (err: unknown) => {
    if (err instanceof ApiError && err.is('version_conflict')) {
      const fresh = currentViewOf(err.body);
      if (fresh) {
        void storeView(fresh);
        selection.applyView(fresh);
      }
      void message.warning(t('views.conflict'));
      return true;
    }
    if (err instanceof ApiError && err.status === 404) {
      void queryClient.invalidateQueries({ queryKey: viewListKey(entity) });
      return true;
    }
    return false;
  };

  const save = () => {
    if (!active) return;
    update.mutate(
      { id: active.id, body: { version: active.version, filters: saved, columns: shown } },
      {
        onSuccess: (view) => {
          setDraft(null);
          void message.success(t('views.saved', { name: view.name }));
        },
        onError: (err) => {
          if (!onWriteError(err)) void message.error(errorText(err));
        },
      },
    );
  };

  const saveAs = async ({ name, shared }: ViewValues) => {
    const view = await create.mutateAsync({ entity, name, shared: shared && mayShare, filters: saved, columns: shown });
    // The controls hold the new view already: select it without filling them again.
    selection.markShown(view.id);
    setDraft(null);
    selection.select(view.id);
    void message.success(t('views.created', { name: view.name }));
  };

  const rename = async ({ name, shared }: ViewValues) => {
    if (!active) return;
    try {
      const view = await update.mutateAsync({ id: active.id, body: { version: active.version, name, ...(mayShare ? { shared } : {}) } });
      void message.success(t('views.saved', { name: view.name }));
    } catch (err) {
      if (!onWriteError(err)) throw err;
    }
  };

  const removeActive = async () => {
    if (!active) return;
    const { id, name } = active;
    selection.forget(id);
    try {
      await remove.mutateAsync({ id, entity });
      selection.select(null);
      void message.success(t('views.deleted', { name }));
    } catch (err) {
      if (!onWriteError(err)) void message.error(errorText(err));
    }
  };

  return {
    ...selection,
    columns: shown,
    setColumns,
    resetColumns: () => setColumns([...registry.defaults]),
    columnOptions,
    tableColumns,
    customColumns,
    modified,
    canChange,
    mayShare,
    snapshot: () => ({ filters: saved, columns: shown }),
    save,
    saving: update.isPending,
    saveAs,
    rename,
    remove: removeActive,
  };
}
