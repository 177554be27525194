import { App, DatePicker, InputNumber, Select, Spin } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Opportunity, UpdateOpportunity } from '@kairos/domain/opportunities';
import { stageName, type Pipeline } from '@kairos/domain/pipelines';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/errors';
import { useLocale } from '../../../lib/i18n/i18n';
import { useFieldAccess } from '../../field-access/api';
import { opportunitiesKey, replaceListedOpportunity, useMoveOpportunity, useUpdateOpportunity } from '../api';
import { amountEdit, closeEdit, conflictCurrent, inlineStageOptions, stageEdit, unmetMessages, type InlineEdit } from '../inline-edit';
import { amountInput, currencySymbol, formatMoney, minorDigits } from '../model';
import { CalendarDate, StageTag } from './opportunity-bits';
import './inline-edit.css';

/**
 * Editing a deal right in the deal list (desktop): a cell shows its value as a button; a click (or Enter)
 * swaps in a small editor, Enter or leaving it saves, Escape puts the value back. While saving the cell
 * shows a spinner with the new value; an error says why and the old value returns.
 */

const DATE = 'YYYY-MM-DD';
type Mode = 'view' | 'edit' | 'saving';

/** Clicks and keys inside a cell (and its popups, which React bubbles through the cell) must not open the deal. */
const stop = (e: SyntheticEvent) => e.stopPropagation();

/** Saving an edit: `run` sends it and settles once it is stored or reported (it never rejects). */
export interface CellSave {
  preview: ReactNode;
  run: () => Promise<unknown>;
}

interface EditorControls {
  /** Leaves the editor: sends `save` when given, else puts the value back. */
  finish: (save: CellSave | null) => void;
  /** Leaves the editor soon, unless a save started meanwhile (a popup may close just before its pick arrives). */
  cancelSoon: () => void;
}

/** One click-to-edit cell: the value as a button, the editor while editing, a spinner while saving. */
function InlineCell({ label, testId, display, editor }: { label: string; testId: string; display: ReactNode; editor: (controls: EditorControls) => ReactNode }) {
  const [mode, setMode] = useState<Mode>('view');
  const [preview, setPreview] = useState<ReactNode>(null);
  const modeRef = useRef<Mode>('view');
  const trigger = useRef<HTMLSpanElement>(null);
  // Left with Enter or Escape: focus goes back to the cell, so the keyboard carries on from there.
  const refocus = useRef(false);

  const go = useCallback((next: Mode) => {
    modeRef.current = next;
    setMode(next);
  }, []);

  useEffect(() => {
    if (mode === 'view' && refocus.current) {
      refocus.current = false;
      trigger.current?.focus();
    }
  }, [mode]);

  const finish = useCallback(
    (save: CellSave | null) => {
      if (modeRef.current !== 'edit') return;
      if (!save) return go('view');
      setPreview(save.preview);
      go('saving');
      void save.run().finally(() => go('view'));
    },
    [go],
  );
  const cancelSoon = useCallback(() => void setTimeout(() => finish(null), 0), [finish]);

  const onEditorKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Enter' || e.key === 'Escape') refocus.current = true;
    if (e.key === 'Escape') finish(null);
  };

  if (mode === 'saving') {
    return (
      <span className="kairos-inline-saving" aria-busy="true" data-testid={`${testId}-saving`} onClick={stop}>
        <Spin size="small" />
        {preview}
      </span>
    );
  }
  if (mode === 'edit') {
    return (
      <span className="kairos-inline-editor" onClick={stop} onKeyDown={onEditorKeyDown} data-testid={`${testId}-editor`}>
        {editor({ finish, cancelSoon })}
      </span>
    );
  }
  return (
    <span
      ref={trigger}
      role="button"
      tabIndex={0}
      aria-label={label}
      title={label}
      className="kairos-inline-edit"
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation();
        go('edit');
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        go('edit');
      }}
    >
      {display}
      <EditOutlined className="kairos-inline-edit-icon" aria-hidden />
    </span>
  );
}

/** Sends inline edits of deals and reports what went wrong; the changed deal goes straight into the lists. */
export function useInlineSave() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const access = useFieldAccess();
  const update = useUpdateOpportunity();
  const move = useMoveOpportunity();

  const stored = (deal: Opportunity) => replaceListedOpportunity(queryClient, deal);

  /** A 409 puts the deal as it is now into its row; anything else is said as the server says it. */
  const failed = (err: unknown) => {
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = conflictCurrent(err.body);
      if (current) stored(current);
      void queryClient.invalidateQueries({ queryKey: opportunitiesKey });
      void message.warning(t('inlineEdit.conflict'));
      return;
    }
    access.refreshIfDenied(err);
    void message.error(errorText(err));
  };

  const gateRefused = (deal: Opportunity, stage: string, reasons: string[]) => {
    const path = `/opportunities/${deal.id}`;
    const dialog = modal.error({
      title: t('inlineEdit.gateTitle', { stage }),
      content: (
        <div data-testid="inline-gate">
          <div>{t('inlineEdit.gateIntro')}</div>
          <ul style={{ paddingInlineStart: 18, margin: '8px 0' }} data-testid="inline-gate-reasons">
            {reasons.map((reason, i) => (
              <li key={i}>{reason}</li>
            ))}
          </ul>
          <a
            href={path}
            onClick={(e) => {
              e.preventDefault();
              dialog.destroy();
              void navigate(path);
            }}
          >
            {t('inlineEdit.openDeal')}
          </a>
        </div>
      ),
      okText: t('common.close'),
    });
  };

  /** The save of an edit, or null when there is nothing to send (an invalid amount is said, then dropped). */
  const patch = (deal: Opportunity, edit: InlineEdit<UpdateOpportunity>, preview: ReactNode): CellSave | null => {
    if (edit.kind === 'invalid') {
      void message.error(t(edit.reason === 'tooLarge' ? 'inlineEdit.tooLarge' : 'inlineEdit.invalidAmount'));
      return null;
    }
    if (edit.kind === 'unchanged') return null;
    return {
      preview,
      run: () =>
        update.mutateAsync({ id: deal.id, body: edit.body }).then(
          (saved) => {
            stored(saved);
            void message.success(t('inlineEdit.saved'));
          },
          failed,
        ),
    };
  };

  const moveTo = (deal: Opportunity, pipeline: Pipeline | undefined, stageId: string): CellSave | null => {
    const edit = stageEdit(deal, stageId);
    if (edit.kind !== 'send') return null;
    const stage = pipeline?.stages.find((s) => s.id === stageId);
    const name = stage ? stageName(stage, locale) : '';
    return {
      preview: <StageTag stage={stage} />,
      run: () =>
        move.mutateAsync({ id: deal.id, body: edit.body }).then(
          (saved) => {
            stored(saved);
            void message.success(t('inlineEdit.moved', { stage: name }));
          },
          (err: unknown) => {
            const reasons = err instanceof ApiError ? unmetMessages(err.body) : [];
            if (reasons.length) gateRefused(deal, name, reasons);
            else failed(err);
          },
        ),
    };
  };

  return { patch, moveTo, locale };
}

export type InlineSave = ReturnType<typeof useInlineSave>;

/** The amount, edited in major units (元) of the deal's currency. */
export function InlineAmount({ deal, display, save }: { deal: Opportunity; display: ReactNode; save: InlineSave }) {
  const { t } = useTranslation();
  const label = t('inlineEdit.editAmount');
  const saveTyped = (typed: string): CellSave | null => {
    const edit = amountEdit(deal, typed);
    const preview = edit.kind === 'send' && edit.body.amount !== undefined ? formatMoney(edit.body.amount, deal.currency, save.locale) : null;
    return save.patch(deal, edit, preview);
  };
  return (
    <InlineCell
      label={label}
      testId="inline-amount"
      display={display}
      editor={({ finish }) => <AmountEditor deal={deal} label={label} onDone={(typed) => finish(saveTyped(typed))} />}
    />
  );
}

function AmountEditor({ deal, label, onDone }: { deal: Opportunity; label: string; onDone: (typed: string) => void }) {
  const typed = useRef(deal.amount === undefined ? '' : amountInput(deal.amount, deal.currency));
  return (
    <InputNumber<string>
      stringMode
      autoFocus
      size="small"
      min="0"
      precision={minorDigits(deal.currency)}
      prefix={currencySymbol(deal.currency)}
      defaultValue={typed.current}
      onChange={(value) => (typed.current = value ?? '')}
      onFocus={(e) => e.target.select()}
      onPressEnter={() => onDone(typed.current)}
      onBlur={() => onDone(typed.current)}
      aria-label={label}
      style={{ width: 160 }}
      data-testid="inline-amount-input"
    />
  );
}

/** The expected close: picking a day (or clearing it) saves; closing the calendar without one puts it back. */
export function InlineClose({ deal, display, save }: { deal: Opportunity; display: ReactNode; save: InlineSave }) {
  const { t } = useTranslation();
  const label = t('inlineEdit.editClose');
  return (
    <InlineCell
      label={label}
      testId="inline-close"
      display={display}
      editor={({ finish, cancelSoon }) => (
        <DatePicker
          autoFocus
          defaultOpen
          size="small"
          defaultValue={deal.expectedCloseOn ? dayjs(deal.expectedCloseOn) : undefined}
          onChange={(day) => {
            const date = day ? day.format(DATE) : null;
            finish(save.patch(deal, closeEdit(deal, date), date ? <CalendarDate date={date} /> : null));
          }}
          onOpenChange={(open) => !open && cancelSoon()}
          aria-label={label}
          style={{ width: 140 }}
          data-testid="inline-close-input"
        />
      )}
    />
  );
}

/** The stage: the open stages of the deal's pipeline; picking one moves the deal (through the stage gate). */
export function InlineStage({ deal, pipeline, display, save }: { deal: Opportunity; pipeline: Pipeline | undefined; display: ReactNode; save: InlineSave }) {
  const { t } = useTranslation();
  const label = t('inlineEdit.editStage');
  return (
    <InlineCell
      label={label}
      testId="inline-stage"
      display={display}
      editor={({ finish, cancelSoon }) => (
        <Select
          autoFocus
          defaultOpen
          size="small"
          value={deal.stageId}
          options={inlineStageOptions(pipeline, deal).map(({ stage, disabled }) => ({
            value: stage.id,
            label: stageName(stage, save.locale),
            disabled,
            title: disabled ? t('inlineEdit.backNeedsReason') : undefined,
          }))}
          onChange={(stageId: string) => finish(save.moveTo(deal, pipeline, stageId))}
          onOpenChange={(open) => !open && cancelSoon()}
          popupMatchSelectWidth={false}
          aria-label={label}
          style={{ minWidth: 120 }}
          data-testid="inline-stage-input"
        />
      )}
    />
  );
}
