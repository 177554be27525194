export interface CustomersTable {
  workspace_id: string;
  id: string;
  name: string;
  type: string;
  uscc: string | null;
  industry: string | null;
  province: string | null;
  city: string | null;
  address: string | null;
  website: string | null;
  phone: string | null;
  source: string | null;
  level: string | null;
  status: string;
  /** JSON text: an array of tag strings. */
  tags: string;
  owner_id: string | null;
  department_id: string | null;
  /** normalizeCompanyName(name), for the duplicate check and name-prefix filtering. */
  name_key: string;
  /** webDomain(website), for the duplicate check. */
  domain_key: string | null;
  /** Kept by the follow-ups feature in the same transaction as each follow-up. */
  last_follow_up_at: string | null;
  next_follow_up_on: string | null;
  /** JSON text: custom field values by field key. */
  custom: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
  /** Set when this customer was merged into another: it stays deleted, its history shown on the survivor. */
  merged_into_id: string | null;
}
