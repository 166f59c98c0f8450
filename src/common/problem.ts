import { HttpException } from '@nestjs/common';

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * A coded error with a user-facing message; the global filter turns it into
 * application/problem+json. `code` becomes the problem `type` (urn:praxis:problem:<code>).
 */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly extras: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      [k: string]: unknown;
    } = {},
  ) {
    super(detail, status);
  }
}

/**
 * A whole problem answered as it is (no `instance`): what the body checks refuse before
 * any route runs (src/common/body-limits.ts).
 */
export class RawProblem extends Error {
  constructor(
    readonly problem: ProblemBody,
    readonly headers?: Record<string, string>,
  ) {
    super(problem.detail);
  }
}

export const badRequest = (code: string, detail: string, errors?: FieldError[]) =>
  new ProblemException(400, code, detail, errors ? { errors } : {});
export const notFound = (what: string) =>
  new ProblemException(404, 'not-found', `${what} not found`);
export const conflict = (code: string, detail: string) => new ProblemException(409, code, detail);
export const forbidden = (detail = 'You are not allowed to do this') =>
  new ProblemException(403, 'forbidden', detail);
export const unauthorized = (detail = 'Authentication required') =>
  new ProblemException(401, 'unauthorized', detail);
