// Metric views: what the instrumentations record under names Prometheus tooling rejects is
// renamed (promtool: a gauge must not end in `_count`, which is a histogram's series).
import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';

/** The views every meter provider of the agent gets. */
export function metricViews(): ViewOptions[] {
  return [
    // pg's semconv `db.client.connection.count` is an up-down counter exposed as a gauge.
    { instrumentName: 'db.client.connection.count', name: 'db_client_connections', aggregation: { type: AggregationType.DEFAULT } },
  ];
}
