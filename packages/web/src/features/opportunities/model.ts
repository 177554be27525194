import type { TFunction } from 'i18next';
import type { Me } from '@kairos/domain/auth';
import {
  CURRENCIES,
  DEAL_TEAM_ACCESS,
  DEAL_TEAM_ROLES,
  OPPORTUNITY_SOURCES,
  type DealTeamMember,
  type Opportunity,
} from '@kairos/domain/opportunities';
import { stageName, type Pipeline, type Stage } from '@kairos/domain/pipelines';
import { formatMoney } from '../../lib/money';
import { describeFieldChanges, memberName, noteLine, plainValue, type ChangeEvent, type ValueContext } from '../../lib/timeline';

/** Pure rules of the opportunity screens (no React), so they can be unit-tested. */

export type { Currency } from '../../lib/money';
// Money lives in lib/ (custom money fields use it too); re-exported for the deal screens.
export { amountInput, currencySymbol, formatMoney, minorDigits, parseAmount, type AmountParse } from '../../lib/money';

// ---------- pipelines and stages ----------

/** The stages of a pipeline in board order (open ones first, then won and lost). */
export function stagesOf(pipeline: Pick<Pipeline, 'stages'>): Stage[] {
  return [...pipeline.stages].sort((a, b) => a.position - b.position);
}

export function openStagesOf(pipeline: Pick<Pipeline, 'stages'>): Stage[] {
  return stagesOf(pipeline).filter((s) => s.outcome === 'open');
}

export function closingStageOf(pipeline: Pick<Pipeline, 'stages'>, outcome: 'won' | 'lost'): Stage | undefined {
  return stagesOf(pipeline).find((s) => s.outcome === outcome);
}

/** The workspace's default pipeline (the first one when none is marked). */
export function defaultPipeline(pipelines: readonly Pipeline[]): Pipeline | undefined {
  return pipelines.find((p) => p.isDefault) ?? pipelines[0];
}

/** Stage id → stage, over every pipeline. */
export function stageIndex(pipelines: readonly Pipeline[] | undefined): Map<string, Stage> {
  return new Map((pipelines ?? []).flatMap((p) => p.stages.map((s) => [s.id, s] as const)));
}

// ---------- what the viewer may do ----------

export interface DealAccess {
  /** Edit the fields and move the stage. */
  edit: boolean;
  /** Add, change and remove team members: only through one's own scope (owner, manager, admin). */
  manageTeam: boolean;
  transfer: boolean;
  delete: boolean;
  /** Log follow-ups: anyone who sees the deal and may create or edit records. */
  followUp: boolean;
  /** The viewer's own seat on the team, if any. */
  seat: DealTeamMember | null;
}

/**
 * What the signed-in member may do to a deal they can see. The server decides (and refuses otherwise);
 * this only decides which controls to show. Someone who sees a deal without a team seat sees it through
 * their data scope, so the scope gives them whatever their permissions allow. With a seat it may be
 * either: owner, workspace-wide scope and the owner's own department count as scope; otherwise the
 * seat's access decides (a manager seated on a deal of another department below theirs is the one case
 * this guesses too narrowly — the server would allow it).
 */
export function dealAccess(deal: Pick<Opportunity, 'ownerId' | 'departmentId' | 'team'>, me: Pick<Me, 'user' | 'dataScope' | 'permissions'>): DealAccess {
  const has = (p: Me['permissions'][number]) => me.permissions.includes(p);
  const seat = deal.team.find((m) => m.userId === me.user.id) ?? null;
  const inScope =
    !seat ||
    deal.ownerId === me.user.id ||
    me.dataScope === 'all' ||
    (me.dataScope !== 'own' && !!deal.departmentId && deal.departmentId === me.user.departmentId);
  const canEditByScope = inScope && has('records.edit');
  return {
    edit: canEditByScope || (seat?.access === 'edit' && has('records.edit')),
    manageTeam: canEditByScope,
    transfer: inScope && has('records.transfer'),
    delete: inScope && has('records.delete'),
    followUp: has('records.create') || has('records.edit'),
    seat,
  };
}

/**
 * What the viewer may do, as the server says in the deal's `can` (single reads carry it, computed by the
 * policy the server enforces); the guess of `dealAccess` only fills in when `can` is absent. Logging a
 * follow-up and the viewer's seat are not in `can`, so they always come from `dealAccess`.
 */
export function dealAccessOf(deal: Pick<Opportunity, 'ownerId' | 'departmentId' | 'team' | 'can'>, me: Pick<Me, 'user' | 'dataScope' | 'permissions'>): DealAccess {
  const guess = dealAccess(deal, me);
  if (!deal.can) return guess;
  return { ...guess, edit: deal.can.edit, manageTeam: deal.can.manageTeam, transfer: deal.can.transfer, delete: deal.can.delete };
}

// ---------- the timeline ----------

export interface OpportunityValueContext extends ValueContext {
  /** Stage id → stage, to name stages in the history. */
  stages: ReadonlyMap<string, Stage>;
  /** The deal's currency now, for amounts in the history (a currency change is told on its own). */
  currency: string;
  /** Contact id → name, for the contact field. */
  contacts?: ReadonlyMap<string, string>;
}

const LABELLED_FIELDS = [
  'name',
  'customerId',
  'contactId',
  'pipelineId',
  'stageId',
  'status',
  'amount',
  'currency',
  'probability',
  'expectedCloseOn',
  'source',
  'tags',
  'ownerId',
  'departmentId',
  'team',
] as const;
type LabelledField = (typeof LABELLED_FIELDS)[number];

function isLabelled(field: string): field is LabelledField {
  return (LABELLED_FIELDS as readonly string[]).includes(field);
}

/** The field's name in the UI language; an unknown (future) field shows its API name. */
export function fieldLabel(field: string, t: TFunction): string {
  return isLabelled(field) ? t(`opportunities.field.${field}`) : field;
}

function oneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** A stage by name in the reader's language. */
export function stageLabel(stageId: unknown, ctx: Pick<OpportunityValueContext, 'stages' | 'locale' | 't'>): string {
  if (typeof stageId !== 'string') return '';
  const stage = ctx.stages.get(stageId);
  return stage ? stageName(stage, ctx.locale) : ctx.t('timeline.unknown');
}

/** A value from the history as a person reads it: money formatted, stages, members and enums by name. */
export function formatValue(field: string, value: unknown, ctx: OpportunityValueContext, currency = ctx.currency): string {
  const { t, locale } = ctx;
  if (field === 'amount' && typeof value === 'number') return formatMoney(value, currency, locale);
  if (field === 'probability') return typeof value === 'number' ? `${value}%` : value === null ? t('opportunities.timeline.probabilityStage') : '';
  if (field === 'stageId') return stageLabel(value, ctx);
  if (field === 'status' && oneOf(['open', 'won', 'lost'] as const, value)) return t(`opportunities.status.${value}`);
  if (field === 'source' && oneOf(OPPORTUNITY_SOURCES, value)) return t(`opportunities.source.${value}`);
  if (field === 'currency' && oneOf(CURRENCIES, value)) return value;
  if (field === 'ownerId') return memberName(value, ctx);
  if (field === 'contactId' && typeof value === 'string') return ctx.contacts?.get(value) ?? t('timeline.unknown');
  return plainValue(value, locale);
}

function teamSentence(entry: { before: unknown; after: unknown }, ctx: OpportunityValueContext): string {
  const { t } = ctx;
  type Seat = { userId?: unknown; role?: unknown; access?: unknown };
  const before = (entry.before ?? null) as Seat | null;
  const after = (entry.after ?? null) as Seat | null;
  const seat = after ?? before;
  const name = memberName(seat?.userId, ctx) || t('timeline.unknown');
  if (!after) return t('opportunities.timeline.teamRemoved', { name });
  const role = oneOf(DEAL_TEAM_ROLES, after.role) ? t(`opportunities.teamRole.${after.role}`) : String(after.role ?? '');
  const access = oneOf(DEAL_TEAM_ACCESS, after.access) ? t(`opportunities.access.${after.access}`) : String(after.access ?? '');
  return before ? t('opportunities.timeline.teamChanged', { name, role, access }) : t('opportunities.timeline.teamAdded', { name, role, access });
}

/** A stage move: forwards or back, won, lost, or reopened after closing. */
function moveSentence(event: ChangeEvent, ctx: OpportunityValueContext): string {
  const { t } = ctx;
  const stage = event.entries.find((e) => e.field === 'stageId');
  const status = event.entries.find((e) => e.field === 'status');
  const from = stageLabel(stage?.before, ctx);
  const to = stageLabel(stage?.after, ctx);
  if (status?.after === 'won') return t('opportunities.timeline.won', { from, to });
  if (status?.after === 'lost') return t('opportunities.timeline.lost', { from, to });
  if (status && status.before !== 'open' && status.after === 'open') return t('opportunities.timeline.reopened', { from, to });
  const fromPosition = typeof stage?.before === 'string' ? ctx.stages.get(stage.before)?.position : undefined;
  const toPosition = typeof stage?.after === 'string' ? ctx.stages.get(stage.after)?.position : undefined;
  const back = fromPosition !== undefined && toPosition !== undefined && toPosition < fromPosition;
  return t(back ? 'opportunities.timeline.movedBack' : 'opportunities.timeline.moved', { from, to });
}

/**
 * The sentences for one change to a deal, to follow the actor's name: created, edited fields, stage
 * moves (won, lost, reopened), transfers, team changes, deletion and restore. The department follows the
 * owner, so it is not told separately.
 */
export function describeChange(event: ChangeEvent, ctx: OpportunityValueContext): string[] {
  const { t } = ctx;
  switch (event.action) {
    case 'create':
      return [t('opportunities.timeline.created')];
    case 'delete':
      return [t('opportunities.timeline.deleted')];
    case 'restore':
      return [t('opportunities.timeline.restored')];
    case 'move':
      return [moveSentence(event, ctx)];
    case 'team':
      return event.entries.filter((e) => e.field === 'team').map((e) => teamSentence(e, ctx));
    case 'task':
      // A stage task ticked off or re-opened (节点动作), titled in the reader's language when the audit has it.
      return event.entries
        .filter((e) => e.field === 'task')
        .map((e) => {
          const after = (e.after ?? {}) as { title?: unknown; titleEn?: unknown; done?: unknown };
          const english = !ctx.locale.startsWith('zh') && typeof after.titleEn === 'string' && after.titleEn ? after.titleEn : null;
          const title = english ?? (typeof after.title === 'string' ? after.title : '');
          return t(after.done ? 'pipelines.panel.timelineDone' : 'pipelines.panel.timelineReopened', { title });
        });
    case 'transfer': {
      const owner = event.entries.find((e) => e.field === 'ownerId');
      const to = memberName(owner?.after, ctx) || t('timeline.unknown');
      const from = memberName(owner?.before, ctx);
      return [t('opportunities.timeline.transferred', { to }) + (from ? t('opportunities.timeline.transferredFrom', { from }) : ''), ...noteLine(event, ctx)];
    }
    case 'update': {
      // An amount edited together with its currency is told in the currency it had before and after.
      const currency = event.entries.find((e) => e.field === 'currency');
      const beforeCurrency = typeof currency?.before === 'string' ? currency.before : ctx.currency;
      const afterCurrency = typeof currency?.after === 'string' ? currency.after : ctx.currency;
      return describeFieldChanges(
        {
          ...event,
          entries: event.entries.map((e) =>
            e.field === 'amount' ? { ...e, before: formatValue('amount', e.before, ctx, beforeCurrency) || null, after: formatValue('amount', e.after, ctx, afterCurrency) || null } : e,
          ),
        },
        ctx,
        (field) => fieldLabel(field, t),
        (field, value) => (field === 'amount' ? plainValue(value, ctx.locale) : formatValue(field, value, ctx)),
        ['departmentId'],
      );
    }
    default:
      return [t('timeline.other', { action: event.action })];
  }
}

/** Today is past the expected close of a deal still open. */
export function isCloseOverdue(deal: Pick<Opportunity, 'status' | 'expectedCloseOn'>, today: string): boolean {
  return deal.status === 'open' && !!deal.expectedCloseOn && deal.expectedCloseOn < today;
}

/**
 * What deals add up to, per currency (amounts in different currencies are never added up). A deal whose
 * amount is hidden from the viewer's role (字段权限) is left out and counted, so the total can say so.
 */
export function sumByCurrency(deals: readonly Pick<Opportunity, 'amount' | 'currency'>[]): { totals: Map<string, number>; hidden: number } {
  const totals = new Map<string, number>();
  let hidden = 0;
  for (const deal of deals) {
    if (deal.amount === undefined) hidden += 1;
    else totals.set(deal.currency, (totals.get(deal.currency) ?? 0) + deal.amount);
  }
  return { totals, hidden };
}
