// The silence part of the facade: create, list and expire over the rules service, with the
// engine's input errors turned into SilenceError so the API answers 400 with the reason.
import type { RulesService } from '../service.js';
import { SilenceError } from '../silence-error.js';
import type { RulesFacade } from '../views.js';

/** The silence methods of the facade over `service`. */
export function silenceMethods(service: RulesService): Pick<RulesFacade, 'silences' | 'silence' | 'expireSilence'> {
  return {
    silences: () => service.silences(),
    async silence(request) {
      try {
        return await service.silence({
          matchers: request.matchers,
          startsAtMs: request.startsAtMs,
          untilMs: request.endsAtMs,
          createdBy: request.createdBy,
          comment: request.comment,
        });
      } catch (err) {
        // The engine's checks throw plain Errors prefixed `silence:`; anything else is not the caller's fault.
        if (err instanceof Error && err.message.startsWith('silence: ')) throw new SilenceError(err.message.slice(9), { cause: err });
        throw err;
      }
    },
    expireSilence: (id) => service.expireSilence(id),
  };
}
