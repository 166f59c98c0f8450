/** An API answer that was not a success, as a sentence a person can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(detail ?? title);
  }

  /** One sentence: the detail when the API gave one, else the title. */
  get sentence(): string {
    const fields = this.fieldErrors.map((e) => `${e.field} ${e.message}`).join('; ');
    const base = this.detail ?? this.title;
    return fields ? `${base}: ${fields}.` : base.endsWith('.') ? base : `${base}.`;
  }
}

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
}

const FALLBACK: Record<number, string> = {
  0: 'Praxis cannot be reached. Check your connection and try again',
  401: 'Please sign in again',
  403: 'You do not have access to this',
  404: 'This was not found, or you do not have access to it',
  429: 'Too many requests. Wait a moment and try again',
  500: 'Something went wrong on our side. Try again in a moment',
};

/** Builds an ApiError from a response whose body may or may not be problem+json. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) body = ((await res.json().catch(() => ({}))) as ProblemBody) ?? {};
  const title =
    typeof body.title === 'string'
      ? body.title
      : (FALLBACK[res.status] ?? FALLBACK[res.status >= 500 ? 500 : 0]);
  const detail = typeof body.detail === 'string' ? body.detail : undefined;
  const errors = Array.isArray(body.errors)
    ? body.errors.filter(
        (e): e is { field: string; message: string } =>
          typeof e === 'object' && e !== null && 'field' in e && 'message' in e,
      )
    : [];
  return new ApiError(res.status, title, detail, errors);
}

/** A sentence for anything thrown: ApiError, a network failure, a bug. */
export function errorSentence(err: unknown): string {
  if (err instanceof ApiError) return err.sentence;
  if (err instanceof TypeError) return `${FALLBACK[0]}.`;
  return 'Something went wrong. Try again in a moment.';
}
