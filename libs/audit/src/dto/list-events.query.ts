import { PageCursor, PageLimit } from './page-query';

export class ListEventsQuery {
  @PageCursor('^[A-Za-z0-9_-]{1,64}$', 'ZTE6MTIzNA')
  cursor?: string;

  @PageLimit()
  limit?: number;
}
