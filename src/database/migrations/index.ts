import { Platform1764100000000 } from './1764100000000-platform';

/** Every migration, in order. Listed explicitly so the build and tests load the same set. */
export const MIGRATIONS = [Platform1764100000000];
