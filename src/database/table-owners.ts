/**
 * The one module (a directory under `src/`) that owns each table: only that module's
 * SQL names it. Other modules call the owner's exported query service or embed a
 * typed SQL fragment the owner exports. ARCHITECTURE.md §2 explains the rule and
 * `test/table-ownership.e2e-spec.ts` enforces it (and that every migrated table is here).
 */
export const TABLE_OWNERS = {
  users: 'users',
  departments: 'users',
  user_departments: 'users',
  api_keys: 'auth',
  auth_throttle: 'auth',
  sessions: 'auth',
  audit_events: 'audit',
  audit_checkpoints: 'audit',
  document_number_counters: 'documents',
  documents: 'documents',
  revisions: 'documents',
  signatures: 'documents',
  notifications: 'notifications',
  outbox: 'notifications',
  webhooks: 'notifications',
  webhook_deliveries: 'notifications',
  email_deliveries: 'notifications',
  proposal_number_counter: 'proposals',
  proposals: 'proposals',
  proposal_watchers: 'proposals',
  proposal_events: 'proposals',
  training_requirements: 'training',
  training_assignments: 'training',
  acknowledgements: 'training',
  training_report_counts: 'training',
  training_class_people: 'training',
  training_person_classes: 'training',
  controlled_copy_counters: 'evidence',
  controlled_copies: 'evidence',
  evidence_packs: 'evidence',
  signing_keys: 'signing',
  rendered_html: 'markdown',
  migrations: 'database',
} as const satisfies Record<string, string>;

export type Table = keyof typeof TABLE_OWNERS;
