import { App } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardCard } from '@kairos/domain/board';
import type { MoveOpportunity } from '@kairos/domain/opportunities';
import { stageName, type Stage } from '@kairos/domain/pipelines';
import { ApiError } from '../../lib/api';
import { useErrorText } from '../../lib/errors';
import { useLocale } from '../../lib/i18n/i18n';
import { useBoardMove, useRefreshBoard } from './api';
import type { GateState } from './components/gate-dialog';
import { gateItemsOf, type GateItem, type PendingMove } from './model';

export type MoveOutcome = { kind: 'moved' } | { kind: 'refused'; items: GateItem[] } | { kind: 'failed'; message: string };

/**
 * Moving cards, by drag and drop or from a card's menu: the card shows in its new column at once, the
 * board reloads after the server agrees, and a refusing stage gate opens the gate dialog instead. A deal
 * changed by someone else meanwhile (409) is moved from its fresh version once; the person asked for this
 * move, and the gate judges the fresh deal anyway.
 */
export function useMoveFlow() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const move = useBoardMove();
  const refresh = useRefreshBoard();
  const [pending, setPending] = useState<PendingMove[]>([]);
  const [gate, setGate] = useState<GateState | null>(null);

  const post = useCallback(
    async (card: BoardCard, body: MoveOpportunity, retried = false): Promise<MoveOutcome> => {
      try {
        await move.mutateAsync({ id: card.id, body });
        return { kind: 'moved' };
      } catch (error) {
        if (error instanceof ApiError) {
          const items = gateItemsOf(error.body);
          if (items) return { kind: 'refused', items };
          const current = (error.body as { current?: { version?: unknown } } | undefined)?.current;
          if (error.is('version_conflict') && !retried && typeof current?.version === 'number') return post(card, { ...body, version: current.version }, true);
          if (error.is('version_conflict')) return { kind: 'failed', message: t('board.conflict') };
        }
        return { kind: 'failed', message: errorText(error) };
      }
    },
    [move, errorText, t],
  );

  const settle = useCallback(
    async (card: BoardCard, stage: Stage, outcome: MoveOutcome) => {
      if (outcome.kind === 'moved') {
        void message.success(t('board.moved', { stage: stageName(stage, locale) }));
        await refresh();
      } else if (outcome.kind === 'failed') void refresh();
      setPending((list) => list.filter((p) => p.card.id !== card.id));
    },
    [message, t, locale, refresh],
  );

  /** Moves a card to a stage; a refusing gate opens the dialog. */
  const moveTo = useCallback(
    async (card: BoardCard, stage: Stage) => {
      if (card.stageId === stage.id) return;
      setPending((list) => [...list.filter((p) => p.card.id !== card.id), { card, toStageId: stage.id }]);
      const outcome = await post(card, { version: card.version, stageId: stage.id });
      await settle(card, stage, outcome);
      if (outcome.kind === 'refused') setGate({ card, stage, items: outcome.items });
      else if (outcome.kind === 'failed') void message.error(outcome.message);
    },
    [post, settle, message],
  );

  /** The gate dialog's "Complete the move": the same move with what was filled in. */
  const sendFromGate = useCallback(
    async (card: BoardCard, body: { body: MoveOpportunity }): Promise<MoveOutcome> => {
      const stage = gate?.stage;
      const outcome = await post(card, body.body);
      if (outcome.kind === 'moved' && stage) {
        setPending((list) => [...list.filter((p) => p.card.id !== card.id), { card, toStageId: stage.id }]);
        await settle(card, stage, outcome);
      }
      return outcome;
    },
    [post, settle, gate],
  );

  return { pending, gate, closeGate: () => setGate(null), moveTo, sendFromGate };
}
