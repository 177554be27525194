import { describe, expect, it } from 'vitest';
import { mentionCandidates, mentionedIds, sameMentions, splitMentions } from './comments';

const LI = '0190a000-0000-7000-8000-00000000a001';
const LI_QIANG = '0190a000-0000-7000-8000-00000000a002';
const ZHANG_1 = '0190a000-0000-7000-8000-00000000b001';
const ZHANG_2 = '0190a000-0000-7000-8000-00000000b002';

describe('@mentions in a comment', () => {
  const candidates = mentionCandidates([
    { id: LI, name: '李' },
    { id: LI_QIANG, name: '李强' },
    { id: ZHANG_1, name: '张伟' },
    { id: ZHANG_2, name: '张伟' },
  ]);

  it('names people as the picker inserts them, telling namesakes apart by the end of their id', () => {
    expect(candidates.map((c) => c.label)).toEqual(['李', '李强', '张伟#b001', '张伟#b002']);
  });

  it('finds who a text mentions, the longest name winning at each @, each person once', () => {
    expect(mentionedIds('@李强 请看一下报价，@李 也看看。再@李强', candidates)).toEqual([LI_QIANG, LI]);
    expect(mentionedIds('@张伟#b002 跟进', candidates)).toEqual([ZHANG_2]);
    // An e-mail address or an @ before nobody we know is only text.
    expect(mentionedIds('mail a@example.com or @王五', candidates)).toEqual([]);
  });

  it('splits the text into plain runs and mention runs, keeping every character', () => {
    const segments = splitMentions('请@李强确认，谢谢', candidates);
    expect(segments).toEqual([{ text: '请' }, { text: '@李强', memberId: LI_QIANG }, { text: '确认，谢谢' }]);
    expect(segments.map((s) => s.text).join('')).toBe('请@李强确认，谢谢');
    expect(splitMentions('', candidates)).toEqual([]);
  });

  it('highlights only the people a stored comment mentions', () => {
    const onlyLi = candidates.filter((c) => c.id === LI);
    // 李强 was not mentioned (typed, not picked): "@李" of "@李强" is then the mention of 李.
    expect(splitMentions('@李强', onlyLi)).toEqual([{ text: '@李', memberId: LI }, { text: '强' }]);
  });

  it('compares mention lists as sets', () => {
    expect(sameMentions([LI, LI_QIANG], [LI_QIANG, LI])).toBe(true);
    expect(sameMentions([LI], [LI, LI_QIANG])).toBe(false);
  });
});
