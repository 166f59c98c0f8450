import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CLASSES_SQL } from './coverage.sql';
import { ACKNOWLEDGING_ROLES } from './training-roles';

/** Active readers with these departments and roles: n of them. */
export interface CoverageClass {
  department_ids: string[];
  roles: string[];
  n: number;
}

/**
 * The active readers by coverage class (CLASSES_SQL): a requirement covers a whole class
 * or none of it, so the report and the impact count classes, not people. A pass over every
 * user, kept while training_people_version stands (bumped by every change of who is
 * active, their roles or departments).
 */
@Injectable()
export class CoverageClasses {
  private cached: { version: string; classes: CoverageClass[] } | null = null;

  /** The classes as of `em`'s snapshot (read the version in the same snapshot as what uses them). */
  async get(em: EntityManager): Promise<CoverageClass[]> {
    const [{ version }] = await em.query<{ version: string }[]>(
      'SELECT version FROM training_people_version',
    );
    if (this.cached?.version === version) return this.cached.classes;
    const classes = await em.query<CoverageClass[]>(CLASSES_SQL, [ACKNOWLEDGING_ROLES]);
    this.cached = { version, classes };
    return classes;
  }
}
