import type { FollowUp } from '@kairos/domain/followups';
import type { Actor } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { getContact, getContactToWorkOn, readableContacts } from '../contacts/contacts.service';
import { getCustomer, getCustomerToWorkOn, readableCustomers } from '../customers/customers.service';
import { getOpportunity, getOpportunityToWorkOn, readableOpportunities } from '../opportunities/opportunities.service';

/**
 * What follow-ups, comments and files hang off: a customer, a contact or a deal. Each belongs to a
 * customer too, so the customer's timeline shows everything about it.
 */
export type RecordType = FollowUp['targetType'];
export interface RecordTarget {
  target_type: RecordType;
  target_id: string;
  customer_id: string;
}

/** A record the caller may add to (read it and may create or edit records); 404 outside their reach. */
export async function workableTarget(db: Executor, actor: Actor, type: RecordType, id: string): Promise<RecordTarget> {
  switch (type) {
    case 'customer':
      return { target_type: type, target_id: id, customer_id: (await getCustomerToWorkOn(db, actor, id)).id };
    case 'contact':
      return { target_type: type, target_id: id, customer_id: (await getContactToWorkOn(db, actor, id)).customerId };
    case 'opportunity':
      return { target_type: type, target_id: id, customer_id: (await getOpportunityToWorkOn(db, actor, id)).customerId };
  }
}

/** A record the caller may read; 404 otherwise. Reads outside any transaction (SQLite has one connection). */
export async function readableTarget(core: Core, ctx: RequestContext, type: RecordType, id: string): Promise<RecordTarget> {
  switch (type) {
    case 'customer':
      return { target_type: type, target_id: id, customer_id: (await getCustomer(core, ctx, id)).id };
    case 'contact':
      return { target_type: type, target_id: id, customer_id: (await getContact(core, ctx, id)).customerId };
    case 'opportunity':
      return { target_type: type, target_id: id, customer_id: (await getOpportunity(core, ctx, id)).customerId };
  }
}

/**
 * Which of many records the caller may read, with their current names: one batched check per record
 * type, for inboxes that list things about many records (mentions, notifications).
 */
export async function readableRecords(db: Executor, actor: Actor, refs: readonly { type: RecordType; id: string }[]): Promise<Map<string, { name: string; customerId: string }>> {
  const idsOf = (type: RecordType) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const [customers, contacts, deals] = await Promise.all([readableCustomers(db, actor, idsOf('customer')), readableContacts(db, actor, idsOf('contact')), readableOpportunities(db, actor, idsOf('opportunity'))]);
  return new Map([...customers, ...contacts, ...deals]);
}
