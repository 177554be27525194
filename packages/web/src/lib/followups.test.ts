import { describe, expect, it } from 'vitest';
import type { StoredFile } from '@kairos/domain/files';
import { attachmentErrors, attachmentRoom, contentLength, quickNextDates, uploadedFileIds, type PendingAttachment } from './followups';

describe('follow-up helpers', () => {
  it('offers tomorrow, in three days and next Monday', () => {
    // 2026-11-27 is a Friday.
    expect(quickNextDates('2026-11-27')).toEqual({ tomorrow: '2026-11-28', inThreeDays: '2026-11-30', nextMonday: '2026-11-30' });
    // On a Monday, "next Monday" is a week later; month and year ends roll over.
    expect(quickNextDates('2026-11-30').nextMonday).toBe('2026-12-07');
    expect(quickNextDates('2026-12-31')).toMatchObject({ tomorrow: '2027-01-01', inThreeDays: '2027-01-03', nextMonday: '2027-01-04' });
  });

  it('counts content as the rules do: trimmed, by code point', () => {
    expect(contentLength('  已联系  ')).toBe(3);
    expect(contentLength('👍ok')).toBe(3);
    expect(contentLength(undefined)).toBe(0);
  });
});

describe('follow-up attachments', () => {
  const stored = (id: string): StoredFile => ({
    id,
    targetType: 'opportunity',
    targetId: 'o1',
    customerId: 'c1',
    category: 'quote',
    name: `${id}.pdf`,
    mime: 'application/pdf',
    size: 10,
    previewable: true,
    uploadedBy: 'u1',
    followUpId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  const pending: PendingAttachment[] = [
    { key: 'a', name: 'a.pdf', size: 10, category: 'quote', state: 'done', file: stored('f-a') },
    { key: 'b', name: 'b.exe', size: 10, category: 'quote', state: 'failed', error: 'not allowed' },
    { key: 'c', name: 'c.pdf', size: 10, category: 'quote', state: 'uploading', progress: 40 },
    { key: 'd', name: 'd.pdf', size: 10, category: 'quote', state: 'done', file: stored('f-d') },
  ];

  it('sends the uploaded ones, in order', () => {
    expect(uploadedFileIds(pending)).toEqual(['f-a', 'f-d']);
  });

  it('leaves room for ten, counting those attached and on their way but not the refused', () => {
    expect(attachmentRoom(0, pending)).toBe(7);
    expect(attachmentRoom(7, pending)).toBe(0);
    expect(attachmentRoom(9, [])).toBe(1);
  });

  it('puts a refused fileIds.<i> on the i-th uploaded file', () => {
    const errors = attachmentErrors(pending, [
      { path: 'fileIds.1', message: '只能附加自己上传到该记录的文件' },
      { path: 'mentions.0', message: '用户不存在' },
      { path: 'fileIds.7', message: 'out of range' },
    ]);
    expect([...errors]).toEqual([['d', '只能附加自己上传到该记录的文件']]);
  });
});
