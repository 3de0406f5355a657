// `model_accuracy_mape{city,model_version}`: the holdout MAPE (percent) of each loaded model,
// so dashboards and alerts can follow accuracy the way GET /api/v1/cities shows it.
import { PREDICTION_METRICS } from '../metrics/index.js';
import { observeGauge } from '../telemetry/metrics.js';
import type { ModelCache } from './model-cache.js';

/** Registers the accuracy gauge over the models `cache` holds. */
export function observeModelAccuracy(cache: ModelCache): void {
  observeGauge(PREDICTION_METRICS.modelAccuracy, () =>
    cache.loaded().map((m) => ({ value: m.mape, attributes: { city: m.city, model_version: String(m.version) } })),
  );
}
