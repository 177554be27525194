import { describe, expect, it } from 'vitest';
import { checkFollowUp, FollowUpRulesSchema } from './followups';

const rules = FollowUpRulesSchema.parse({});

describe('follow-up rules', () => {
  it('refuses "已联系" with no next step: too short, no next step, no date', () => {
    expect(checkFollowUp({ content: '已联系' }, rules).map((e) => e.code)).toEqual(['followup_too_short', 'followup_next_step_required', 'followup_next_date_required']);
  });

  it('accepts a real follow-up with a next step and a date', () => {
    expect(checkFollowUp({ content: '拜访了采购部王经理，确认预算 50 万，下周演示', nextStep: '安排产品演示', nextFollowUpOn: '2026-12-03' }, rules)).toEqual([]);
  });

  it('needs no next step when the record is being closed', () => {
    expect(checkFollowUp({ content: '客户确认选择竞争对手，项目结束', closing: true }, rules)).toEqual([]);
  });

  it('follows the workspace’s own rules', () => {
    expect(checkFollowUp({ content: '已联系' }, { minContentLength: 0, requireNextStep: false })).toEqual([]);
    expect(checkFollowUp({ content: '  三个字  ' }, { minContentLength: 4, requireNextStep: false })).toHaveLength(1);
  });
});
