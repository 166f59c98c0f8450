import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { badRequest } from './problem';

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}
  transform(value: string): string {
    if (typeof value !== 'string' || !UUID_RE.test(value)) {
      throw badRequest('invalid-id', `${this.field} must be a UUID`, [
        { field: this.field, message: 'must be a UUID' },
      ]);
    }
    return value.toLowerCase();
  }
}

/** `@IdParam() id` — a path parameter that must be a UUID (400 otherwise). */
export const IdParam = (name = 'id') => Param(name, new UuidPipe(name));
