// The facade when the rules service is off in this process (RULES_ENABLED=false, e.g. API
// replicas behind a separate rules instance): no alerts, no thresholds, a clear status.
import { SilenceError } from '../silence-error.js';
import { ThresholdError } from '../threshold-error.js';
import type { RulesFacade } from '../views.js';

/** A facade that answers empty and refuses threshold changes with the reason. */
export function inactiveRulesFacade(): RulesFacade {
  return {
    alerts: async () => [],
    resolve: async () => undefined,
    thresholds: () => [],
    updateThresholds: async () => {
      throw new ThresholdError('thresholds', 'the rules service is not running in this process (RULES_ENABLED=false)');
    },
    recommendations: async () => [],
    silences: async () => [],
    silence: async () => {
      throw new SilenceError('the rules service is not running in this process (RULES_ENABLED=false)');
    },
    expireSilence: async () => false,
    status: () => ({ source: 'none', leader: false, rules_loaded: 0, version: 'none', last_reload_error: null }),
  };
}
