const TYPES: Record<string, string> = {
  sop: 'Standard operating procedure',
  work_instruction: 'Work instruction',
  policy: 'Policy',
  form: 'Form',
};

/** A document type as people say it. */
export function documentType(type: string): string {
  return TYPES[type] ?? type;
}
