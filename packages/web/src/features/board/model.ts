import type { BoardCard, BoardFilters } from '@kairos/domain/board';
import type { MoveOpportunity } from '@kairos/domain/opportunities';
import { GATE_DEAL_FIELDS, type GateDealField } from '@kairos/domain/stage-gates';
import { parseAmount } from '../../lib/money';

/** Pure rules of the board (看板): filters in the URL, the gate dialog's items and answers, cards in columns. */

// ---------- filters in the URL ----------

/** What the board filters on, as the URL keeps it (amounts in minor units, dates as YYYY-MM-DD): the API's filters, plus the swimlanes switch. */
export type BoardUrlState = BoardFilters & {
  /** Cards grouped under their owners inside each column. */
  swimlanes: boolean;
};

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MINOR = /^\d{1,15}$/;

const idOf = (value: string | null) => (value && ID.test(value) ? value : undefined);
const dayOf = (value: string | null) => (value && DAY.test(value) ? value : undefined);
const minorOf = (value: string | null) => (value && MINOR.test(value) ? Number(value) : undefined);

/** The board's state from the query string; what does not parse is left out, never guessed. */
export function boardStateFromParams(params: URLSearchParams): BoardUrlState {
  const tag = params.get('tag')?.trim().slice(0, 20);
  return {
    pipelineId: idOf(params.get('pipelineId')),
    ownerId: idOf(params.get('ownerId')),
    departmentId: idOf(params.get('departmentId')),
    tag: tag || undefined,
    amountMin: minorOf(params.get('amountMin')),
    amountMax: minorOf(params.get('amountMax')),
    closeFrom: dayOf(params.get('closeFrom')),
    closeTo: dayOf(params.get('closeTo')),
    stalled: params.get('stalled') === 'true',
    overdue: params.get('overdue') === 'true',
    swimlanes: params.get('lanes') === 'owner',
  };
}

/** The query string for a board state: only what is set, so a link stays short. */
export function paramsOfBoardState(state: BoardUrlState): URLSearchParams {
  const params = new URLSearchParams();
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  set('pipelineId', state.pipelineId);
  set('ownerId', state.ownerId);
  set('departmentId', state.departmentId);
  set('tag', state.tag);
  set('amountMin', state.amountMin);
  set('amountMax', state.amountMax);
  set('closeFrom', state.closeFrom);
  set('closeTo', state.closeTo);
  if (state.stalled) params.set('stalled', 'true');
  if (state.overdue) params.set('overdue', 'true');
  if (state.swimlanes) params.set('lanes', 'owner');
  return params;
}

/** The filters sent to /api/board and /api/board/column (the pipeline and the layout are not filters). */
export type BoardApiFilters = Omit<BoardUrlState, 'swimlanes' | 'stalled' | 'overdue'> & { stalled?: boolean; overdue?: boolean };

export function apiFiltersOf(state: BoardUrlState): BoardApiFilters {
  const { swimlanes: _swimlanes, stalled, overdue, ...rest } = state;
  const filters: BoardApiFilters = { ...rest };
  if (stalled) filters.stalled = true;
  if (overdue) filters.overdue = true;
  for (const key of Object.keys(filters) as (keyof BoardApiFilters)[]) if (filters[key] === undefined) delete filters[key];
  return filters;
}

/** How many filters narrow the board (for the phone's "Filters (n)" button). */
export function activeFilterCount(state: BoardUrlState): number {
  return [state.ownerId, state.departmentId, state.tag, state.amountMin ?? state.amountMax, state.closeFrom ?? state.closeTo, state.stalled || undefined, state.overdue || undefined].filter(
    (v) => v !== undefined,
  ).length;
}

/** The deal list with the board's pipeline (the "列表" switch). */
export function listLinkOf(state: Pick<BoardUrlState, 'pipelineId'>): string {
  return state.pipelineId ? `/opportunities?pipelineId=${encodeURIComponent(state.pipelineId)}` : '/opportunities';
}

// ---------- the gate dialog ----------

/** One unmet item of a refused move, as the dialog shows it: what can be fixed right there, and what blocks. */
export type GateItem =
  | { kind: 'field'; field: GateDealField; message: string }
  | { kind: 'custom'; key: string; message: string }
  | { kind: 'file'; category: string; message: string }
  | { kind: 'task'; key: string; titleZh: string; titleEn: string; message: string }
  | { kind: 'reason'; message: string }
  | { kind: 'lossReason'; message: string }
  | { kind: 'blocking'; code: string; message: string };

type Unmet = { code?: unknown; message?: unknown; field?: unknown; category?: unknown; key?: unknown; titleZh?: unknown; titleEn?: unknown };

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function gateItemOf(unmet: Unmet): GateItem {
  const message = str(unmet.message) || str(unmet.code);
  switch (unmet.code) {
    case 'field_required': {
      const field = str(unmet.field);
      if (field.startsWith('custom.')) return { kind: 'custom', key: field.slice('custom.'.length), message };
      if ((GATE_DEAL_FIELDS as readonly string[]).includes(field)) return { kind: 'field', field: field as GateDealField, message };
      return { kind: 'blocking', code: 'field_required', message };
    }
    case 'file_required':
      return { kind: 'file', category: str(unmet.category), message };
    case 'task_open':
      return { kind: 'task', key: str(unmet.key), titleZh: str(unmet.titleZh), titleEn: str(unmet.titleEn), message };
    case 'reason_required':
      return { kind: 'reason', message };
    case 'loss_reason_required':
      return { kind: 'lossReason', message };
    default:
      // role_not_allowed, skip_not_allowed, approval_required and anything newer: only someone else can fix it.
      return { kind: 'blocking', code: str(unmet.code), message };
  }
}

/** The items of a 422 stage_gate_failed body (`unmet`), or null when the body is not one. */
export function gateItemsOf(body: unknown): GateItem[] | null {
  if (!body || typeof body !== 'object') return null;
  const { code, unmet } = body as { code?: unknown; unmet?: unknown };
  if (code !== 'stage_gate_failed' || !Array.isArray(unmet)) return null;
  return unmet.filter((u): u is Unmet => !!u && typeof u === 'object').map(gateItemOf);
}

/** A stable key of an item, for React and for per-item errors. */
export function gateItemKey(item: GateItem): string {
  switch (item.kind) {
    case 'field':
      return `field:${item.field}`;
    case 'custom':
      return `custom:${item.key}`;
    case 'file':
      return `file:${item.category}`;
    case 'task':
      return `task:${item.key}`;
    case 'blocking':
      return `blocking:${item.code}:${item.message}`;
    default:
      return item.kind;
  }
}

/** What the person filled in the dialog so far. */
export interface GateAnswers {
  /** The amount as typed, in major units (元). */
  amount?: string;
  expectedCloseOn?: string | null;
  contactId?: string | null;
  source?: string | null;
  tags?: string[];
  /** Custom values already converted to what the API takes (see lib/custom-fields). */
  custom?: Record<string, unknown>;
  reason?: string;
  lossReason?: string | null;
  competitor?: string;
  /** File categories uploaded from the dialog. */
  uploaded?: readonly string[];
  /** Task keys ticked from the dialog. */
  ticked?: readonly string[];
}

/** Whether the dialog holds what the item asks for (the server still decides). */
export function isAnswered(item: GateItem, answers: GateAnswers, currency = 'CNY'): boolean {
  switch (item.kind) {
    case 'field': {
      if (item.field === 'amount') {
        const parsed = parseAmount(answers.amount, currency);
        return parsed.ok && parsed.minor !== null && parsed.minor > 0;
      }
      if (item.field === 'tags') return (answers.tags ?? []).length > 0;
      return !!answers[item.field];
    }
    case 'custom': {
      const value = answers.custom?.[item.key];
      return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
    }
    case 'file':
      return (answers.uploaded ?? []).includes(item.category);
    case 'task':
      return (answers.ticked ?? []).includes(item.key);
    case 'reason':
      return !!answers.reason?.trim();
    case 'lossReason':
      return !!answers.lossReason;
    case 'blocking':
      return false;
  }
}

/** Items only someone else can clear (role, skipping, approval): the move cannot be completed from here. */
export function blockingItems(items: readonly GateItem[]): GateItem[] {
  return items.filter((i) => i.kind === 'blocking');
}

export type MoveBodyResult = { ok: true; body: MoveOpportunity } | { ok: false; errors: Record<string, 'amountInvalid' | 'amountTooLarge'> };

/**
 * The move to send again from the dialog: the values the gate asked for (the amount typed in major units
 * of the deal's currency → minor units), the reason, the loss reason and competitor. Only what an item
 * asked for is sent, so nothing else about the deal changes.
 */
export function moveBodyOf(card: Pick<BoardCard, 'version' | 'currency'>, stageId: string, items: readonly GateItem[], answers: GateAnswers): MoveBodyResult {
  const values: NonNullable<MoveOpportunity['values']> = {};
  const custom: Record<string, unknown> = {};
  const errors: Record<string, 'amountInvalid' | 'amountTooLarge'> = {};
  const body: MoveOpportunity = { version: card.version, stageId };
  for (const item of items) {
    switch (item.kind) {
      case 'field': {
        if (item.field === 'amount') {
          const parsed = parseAmount(answers.amount, card.currency);
          if (!parsed.ok) errors[gateItemKey(item)] = parsed.reason === 'tooLarge' ? 'amountTooLarge' : 'amountInvalid';
          else if (parsed.minor !== null) values.amount = parsed.minor;
        } else if (item.field === 'tags') {
          const tags = (answers.tags ?? []).map((t) => t.trim()).filter(Boolean);
          if (tags.length) values.tags = tags;
        } else if (item.field === 'expectedCloseOn') {
          if (answers.expectedCloseOn) values.expectedCloseOn = answers.expectedCloseOn;
        } else if (item.field === 'contactId') {
          if (answers.contactId) values.contactId = answers.contactId;
        } else if (item.field === 'source') {
          if (answers.source) values.source = answers.source as NonNullable<typeof values.source>;
        }
        break;
      }
      case 'custom': {
        const value = answers.custom?.[item.key];
        if (value !== undefined && value !== null && value !== '') custom[item.key] = value;
        break;
      }
      case 'reason':
        if (answers.reason?.trim()) body.reason = answers.reason.trim();
        break;
      case 'lossReason':
        if (answers.lossReason) body.lossReason = answers.lossReason;
        if (answers.competitor?.trim()) body.competitor = answers.competitor.trim();
        break;
      default:
        break;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (Object.keys(custom).length) values.custom = custom as NonNullable<typeof values.custom>;
  if (Object.keys(values).length) body.values = values;
  return { ok: true, body };
}

// ---------- cards in columns ----------

/** The first cards of a column followed by the pages loaded after them, each deal once. */
export function mergeCards(first: readonly BoardCard[], more: readonly (readonly BoardCard[])[]): BoardCard[] {
  const seen = new Set<string>();
  const out: BoardCard[] = [];
  for (const card of [...first, ...more.flat()]) {
    if (seen.has(card.id)) continue;
    seen.add(card.id);
    out.push(card);
  }
  return out;
}

/** A move on its way to the server: the card shows in its new column until the board reloads. */
export interface PendingMove {
  card: BoardCard;
  toStageId: string;
}

/** A column's cards with the pending moves applied: moved-away cards gone, moved-in ones on top. */
export function withPending(stageId: string, cards: readonly BoardCard[], pending: readonly PendingMove[]): BoardCard[] {
  const away = new Set(pending.filter((p) => p.toStageId !== stageId).map((p) => p.card.id));
  const incoming = pending.filter((p) => p.toStageId === stageId).map((p) => ({ ...p.card, stageId }));
  const incomingIds = new Set(incoming.map((c) => c.id));
  return [...incoming, ...cards.filter((c) => !away.has(c.id) && !incomingIds.has(c.id))];
}

export interface OwnerLane {
  ownerId: string | null;
  name: string;
  cards: BoardCard[];
}

/** Cards grouped by owner (swimlanes): owners by name, the unowned last; cards keep their order. */
export function lanesByOwner(cards: readonly BoardCard[], nameOf: (ownerId: string | null) => string, locale: string): OwnerLane[] {
  const lanes = new Map<string, OwnerLane>();
  for (const card of cards) {
    const key = card.ownerId ?? '';
    const lane = lanes.get(key) ?? { ownerId: card.ownerId, name: nameOf(card.ownerId), cards: [] };
    lane.cards.push(card);
    lanes.set(key, lane);
  }
  const collator = new Intl.Collator(locale);
  return [...lanes.values()].sort((a, b) => (a.ownerId === null ? 1 : b.ownerId === null ? -1 : collator.compare(a.name, b.name)));
}

/** One row of a column's list: an owner's heading (swimlanes) or a card. */
export type ColumnRow = { kind: 'lane'; key: string; ownerId: string | null; name: string; count: number } | { kind: 'card'; key: string; card: BoardCard };

/**
 * A column's cards as one flat list of rows, so a column with swimlanes is virtualised like one without:
 * with `lanes`, each owner's heading (with the owner's loaded cards counted) followed by those cards.
 * A card's key is its id either way, so its measured height survives switching swimlanes on and off.
 */
export function columnRows(cards: readonly BoardCard[], lanes?: { nameOf: (ownerId: string | null) => string; locale: string }): ColumnRow[] {
  const cardRow = (card: BoardCard): ColumnRow => ({ kind: 'card', key: card.id, card });
  if (!lanes) return cards.map(cardRow);
  return lanesByOwner(cards, lanes.nameOf, lanes.locale).flatMap((lane) => [
    // Ids never hold a colon, so a heading's key cannot be a card's.
    { kind: 'lane' as const, key: `lane:${lane.ownerId ?? ''}`, ownerId: lane.ownerId, name: lane.name, count: lane.cards.length },
    ...lane.cards.map(cardRow),
  ]);
}

/** How many rows before the end of what is loaded a column asks for its next page, so scrolling rarely waits. */
export const LOAD_AHEAD_ROWS = 5;

/** Whether a column showing rows up to `lastShown` (-1: none) of `rowCount` should load its next page now. */
export function nearEnd(lastShown: number, rowCount: number, ahead = LOAD_AHEAD_ROWS): boolean {
  return lastShown >= rowCount - 1 - ahead;
}
