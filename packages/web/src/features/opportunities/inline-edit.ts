import { OpportunitySchema, type MoveOpportunity, type Opportunity, type UpdateOpportunity } from '@kairos/domain/opportunities';
import type { Pipeline, Stage } from '@kairos/domain/pipelines';
import type { FieldAccessView } from '../field-access/model';
import { openStagesOf, parseAmount } from './model';

/**
 * Pure rules of editing a deal right in the deal list (金额、预计成交日期、阶段), so they can be
 * unit-tested: which cells get an editor, and what an edit sends.
 */

export type InlineField = 'amount' | 'expectedCloseOn' | 'stageId';

export type InlineEditable = Record<InlineField, boolean>;

const NOTHING: InlineEditable = { amount: false, expectedCloseOn: false, stageId: false };

/**
 * Which cells of a deal's row are click-to-edit. Only for a member who may edit the deal at all
 * (`dealAccessOf(...).edit`); never a field their role may not write (hidden or read-only, 字段权限).
 * The stage only while the deal is open: closing asks for a loss reason and re-opening may ask for a
 * reason, which the deal page collects.
 */
export function inlineEditable(deal: Pick<Opportunity, 'amount' | 'status'>, mayEdit: boolean, access: Pick<FieldAccessView, 'canWrite'>): InlineEditable {
  if (!mayEdit) return NOTHING;
  return {
    amount: deal.amount !== undefined && access.canWrite('opportunity', 'amount'),
    expectedCloseOn: access.canWrite('opportunity', 'expectedCloseOn'),
    stageId: deal.status === 'open',
  };
}

/** What an inline edit comes to: nothing to send, a value that cannot be sent, or the request body. */
export type InlineEdit<B> = { kind: 'unchanged' } | { kind: 'invalid'; reason: 'invalid' | 'tooLarge' } | { kind: 'send'; body: B };

/**
 * The amount box (major units, as typed) → the PATCH body in minor units. An emptied box puts the old
 * amount back (a deal always has an amount), and the same amount sends nothing.
 */
export function amountEdit(deal: Pick<Opportunity, 'version' | 'amount' | 'currency'>, typed: string | null | undefined): InlineEdit<UpdateOpportunity> {
  const parsed = parseAmount(typed, deal.currency);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  if (parsed.minor === null || parsed.minor === deal.amount) return { kind: 'unchanged' };
  return { kind: 'send', body: { version: deal.version, amount: parsed.minor } };
}

/** The picked expected close (YYYY-MM-DD, or null when cleared) → the PATCH body. */
export function closeEdit(deal: Pick<Opportunity, 'version' | 'expectedCloseOn'>, date: string | null): InlineEdit<UpdateOpportunity> {
  if (date === (deal.expectedCloseOn ?? null)) return { kind: 'unchanged' };
  return { kind: 'send', body: { version: deal.version, expectedCloseOn: date } };
}

/** The picked stage → the move body (a move goes through the stage gate, never through PATCH). */
export function stageEdit(deal: Pick<Opportunity, 'version' | 'stageId'>, stageId: string): InlineEdit<MoveOpportunity> {
  if (stageId === deal.stageId) return { kind: 'unchanged' };
  return { kind: 'send', body: { version: deal.version, stageId } };
}

export interface InlineStageOption {
  stage: Stage;
  /** Moving there needs a reason (backwards, when the pipeline asks for one): the deal page collects it. */
  disabled: boolean;
}

/**
 * The stages the inline select offers: the open stages of the deal's own pipeline. Won and lost are left
 * to the deal page (a lost deal needs its reason); earlier stages are greyed out when the pipeline wants a
 * reason for moving back.
 */
export function inlineStageOptions(pipeline: Pick<Pipeline, 'stages' | 'rules'> | undefined, deal: Pick<Opportunity, 'stageId'>): InlineStageOption[] {
  if (!pipeline) return [];
  const stages = openStagesOf(pipeline);
  const current = stages.find((s) => s.id === deal.stageId);
  return stages.map((stage) => ({
    stage,
    disabled: !!current && pipeline.rules.backwardNeedsReason && stage.position < current.position,
  }));
}

/** The messages of a 422 stage_gate_failed body (`unmet: [{ code, message, … }]`); empty for anything else. */
export function unmetMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const { code, unmet } = body as { code?: unknown; unmet?: unknown };
  if (code !== 'stage_gate_failed' || !Array.isArray(unmet)) return [];
  return unmet.flatMap((item) => {
    const message = item && typeof item === 'object' ? (item as { message?: unknown }).message : undefined;
    return typeof message === 'string' && message ? [message] : [];
  });
}

/** The deal as it is now, from a 409 version_conflict body (`current`), or null when it has none. */
export function conflictCurrent(body: unknown): Opportunity | null {
  const parsed = OpportunitySchema.safeParse((body as { current?: unknown } | null)?.current);
  return parsed.success ? parsed.data : null;
}
