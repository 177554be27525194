export interface ContactsTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  name: string;
  title: string | null;
  /** Normalised: 11-digit Chinese mobile or E.164. */
  mobile: string | null;
  phone: string | null;
  /** Lower-cased. */
  email: string | null;
  wechat: string | null;
  decision_role: string | null;
  /** JSON text: an array of tags. */
  tags: string;
  owner_id: string | null;
  /** Kept by the follow-ups feature in the same transaction as each follow-up on the contact. */
  last_follow_up_at: string | null;
  next_follow_up_on: string | null;
  /** JSON text: custom field values by field key. */
  custom: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}
