import { CoreSchema1764400000000 } from './1764400000000-core-schema';

/** Every migration in order. Never edit one after it has landed; add a new one. */
export const ALL_MIGRATIONS = [CoreSchema1764400000000];
