import { describe, expect, it } from 'vitest';
import type { Stage } from '@kairos/domain/pipelines';
import { StageRulesSchema } from '@kairos/domain/stage-gates';
import { fieldAccessView } from '../field-access/model';
import { amountEdit, closeEdit, conflictCurrent, inlineEditable, inlineStageOptions, stageEdit, unmetMessages } from './inline-edit';

const open = { amount: 0, status: 'open' as const };
const everything = fieldAccessView(undefined);
const restricted = (readOnly: string[], hidden: string[] = []) =>
  fieldAccessView({
    customer: { hidden: [], readOnly: [] },
    contact: { hidden: [], readOnly: [] },
    opportunity: { hidden, readOnly },
    followup: { hidden: [], readOnly: [] },
  });

describe('which cells are editable in the list', () => {
  it('gives a member who may edit the deal every editor', () => {
    expect(inlineEditable(open, true, everything)).toEqual({ amount: true, expectedCloseOn: true, stageId: true });
  });

  it('gives none to a member who may not edit the deal', () => {
    expect(inlineEditable(open, false, everything)).toEqual({ amount: false, expectedCloseOn: false, stageId: false });
  });

  it('leaves read-only and hidden fields as plain values', () => {
    expect(inlineEditable(open, true, restricted(['amount']))).toEqual({ amount: false, expectedCloseOn: true, stageId: true });
    expect(inlineEditable({ amount: undefined, status: 'open' }, true, restricted([], ['amount', 'expectedCloseOn']))).toEqual({
      amount: false,
      expectedCloseOn: false,
      stageId: true,
    });
  });

  it('leaves the stage of a closed deal to the deal page (re-opening may need a reason)', () => {
    expect(inlineEditable({ amount: 100, status: 'won' }, true, everything).stageId).toBe(false);
    expect(inlineEditable({ amount: 100, status: 'lost' }, true, everything).amount).toBe(true);
  });
});

describe('what an edit sends', () => {
  const deal = { version: 3, amount: 5_000_00, currency: 'CNY' as const, expectedCloseOn: '2026-12-31', stageId: 's1' };

  it('turns yuan into fen for the PATCH, with the version on screen', () => {
    expect(amountEdit(deal, '120000')).toEqual({ kind: 'send', body: { version: 3, amount: 12_000_000 } });
    expect(amountEdit(deal, '4.35')).toEqual({ kind: 'send', body: { version: 3, amount: 435 } });
    expect(amountEdit({ ...deal, currency: 'JPY' as const, amount: 0 }, '1200')).toEqual({ kind: 'send', body: { version: 3, amount: 1200 } });
  });

  it('sends nothing for the same amount or an emptied box, and refuses nonsense', () => {
    expect(amountEdit(deal, '5000.00')).toEqual({ kind: 'unchanged' });
    expect(amountEdit(deal, '')).toEqual({ kind: 'unchanged' });
    expect(amountEdit(deal, null)).toEqual({ kind: 'unchanged' });
    expect(amountEdit(deal, '12.345')).toEqual({ kind: 'invalid', reason: 'invalid' });
    expect(amountEdit(deal, '-5')).toEqual({ kind: 'invalid', reason: 'invalid' });
    expect(amountEdit(deal, '9999999999999999')).toEqual({ kind: 'invalid', reason: 'tooLarge' });
  });

  it('sends a new or cleared expected close, nothing for the same day', () => {
    expect(closeEdit(deal, '2027-01-15')).toEqual({ kind: 'send', body: { version: 3, expectedCloseOn: '2027-01-15' } });
    expect(closeEdit(deal, null)).toEqual({ kind: 'send', body: { version: 3, expectedCloseOn: null } });
    expect(closeEdit(deal, '2026-12-31')).toEqual({ kind: 'unchanged' });
    expect(closeEdit({ version: 1, expectedCloseOn: null }, null)).toEqual({ kind: 'unchanged' });
  });

  it('moves to another stage through the move body', () => {
    expect(stageEdit(deal, 's2')).toEqual({ kind: 'send', body: { version: 3, stageId: 's2' } });
    expect(stageEdit(deal, 's1')).toEqual({ kind: 'unchanged' });
  });
});

describe('the stages the inline select offers', () => {
  const stage = (id: string, position: number, outcome: Stage['outcome'] = 'open'): Stage => ({
    id,
    pipelineId: 'p',
    nameZh: `阶段${id}`,
    nameEn: `Stage ${id}`,
    position,
    probability: 10 * position,
    outcome,
    rules: StageRulesSchema.parse({}),
  });
  const stages = [stage('lost', 6, 'lost'), stage('s2', 1), stage('won', 5, 'won'), stage('s1', 0), stage('s3', 2)];

  it('offers the open stages in order, greying out earlier ones when moving back needs a reason', () => {
    const options = inlineStageOptions({ stages, rules: { allowSkip: true, backwardNeedsReason: true } }, { stageId: 's2' });
    expect(options.map((o) => [o.stage.id, o.disabled])).toEqual([
      ['s1', true],
      ['s2', false],
      ['s3', false],
    ]);
  });

  it('allows moving back when the pipeline does not ask for a reason', () => {
    const options = inlineStageOptions({ stages, rules: { allowSkip: true, backwardNeedsReason: false } }, { stageId: 's3' });
    expect(options.every((o) => !o.disabled)).toBe(true);
  });

  it('offers nothing before the pipelines have loaded', () => {
    expect(inlineStageOptions(undefined, { stageId: 's1' })).toEqual([]);
  });
});

describe('error bodies', () => {
  it('reads the messages of a refused stage gate', () => {
    const body = { code: 'stage_gate_failed', unmet: [{ code: 'file_required', category: 'quote', message: '请上传「报价单」' }, { code: 'x' }, null] };
    expect(unmetMessages(body)).toEqual(['请上传「报价单」']);
    expect(unmetMessages({ code: 'validation_failed', unmet: [{ message: 'no' }] })).toEqual([]);
    expect(unmetMessages(null)).toEqual([]);
  });

  it('finds the current deal of a version conflict, or nothing', () => {
    expect(conflictCurrent({ code: 'version_conflict' })).toBeNull();
    expect(conflictCurrent({ current: { id: 'not a deal' } })).toBeNull();
  });
});
