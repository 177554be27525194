import type { FollowUp } from '@kairos/domain/followups';
import { RecordTimeline } from '../../../components/record-timeline';
import { customerTimelineKey } from '../api';
import { describeChange } from '../model';

/** The customer's timeline as sentences, newest first: follow-ups, comments (posted from its top), who changed what, transfers, deletion and restore. */
export function CustomerTimeline({ customerId, onEditFollowUp }: { customerId: string; onEditFollowUp?: (followUp: FollowUp) => void }) {
  return (
    <RecordTimeline
      url={`/api/customers/${encodeURIComponent(customerId)}/timeline`}
      queryKey={customerTimelineKey(customerId)}
      describeChange={describeChange}
      onEditFollowUp={onEditFollowUp}
      commentOn={{ targetType: 'customer', targetId: customerId }}
      testId="customer-timeline"
    />
  );
}
