import { CommonErrors } from '@identsphere/common';

export const ClientErrors = {
  /** A malformed id names no client either: the same answer as an unknown one. */
  notFound: () => CommonErrors.notFound('machine client'),
};
