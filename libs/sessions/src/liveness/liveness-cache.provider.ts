import type { Provider } from '@nestjs/common';
import { DatabaseNotifications } from '@identsphere/database';
import { MetricsRegistry } from '@identsphere/observability';
import { LIVENESS_CHANNEL, LivenessCache } from './liveness-cache';
import { LivenessMetrics } from './liveness-metrics';

/** One cache per app instance, subscribed to the triggers' announcements (migration 1764470000100). */
export const livenessCacheProvider: Provider = {
  provide: LivenessCache,
  inject: [DatabaseNotifications, MetricsRegistry],
  useFactory: (notifications: DatabaseNotifications, metrics: MetricsRegistry) => {
    const holder: { cache?: LivenessCache } = {};
    const cache = new LivenessCache(notifications, new LivenessMetrics(metrics, notifications, () => holder.cache?.size ?? 0));
    holder.cache = cache;
    notifications.subscribe(LIVENESS_CHANNEL, cache);
    return cache;
  },
};
