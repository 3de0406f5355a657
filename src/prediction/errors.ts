// Typed errors of the prediction domain. `code` matches the API's error table, so the API maps
// them to 404 responses without string matching.

/** Base of the domain errors: a stable code plus structured details. */
export class PredictionError extends Error {
  constructor(
    readonly code: 'UNKNOWN_CITY' | 'MODEL_NOT_TRAINED' | 'NO_WEATHER_DATA' | 'INSUFFICIENT_HISTORY',
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No city with this slug. */
export class UnknownCityError extends PredictionError {
  constructor(readonly city: string) {
    super('UNKNOWN_CITY', `unknown city "${city}"`, { city });
  }
}

/** The city exists but has no active model yet. */
export class ModelNotTrainedError extends PredictionError {
  constructor(readonly city: string) {
    super('MODEL_NOT_TRAINED', `no trained model for city "${city}"`, { city });
  }
}

/** Weather rows are missing for some of the requested hours. */
export class NoWeatherDataError extends PredictionError {
  constructor(city: string, fromMs: number, hours: number, found: number) {
    super(
      'NO_WEATHER_DATA',
      `weather for "${city}" covers ${found} of ${hours} hours from ${new Date(fromMs).toISOString()}`,
      { city, from: new Date(fromMs).toISOString(), hours, found },
    );
  }
}

/** Too little demand history to train (not an API error: training is an admin path). */
export class InsufficientHistoryError extends PredictionError {
  constructor(city: string, rows: number, needed: number) {
    super('INSUFFICIENT_HISTORY', `city "${city}" has ${rows} hours of history, training needs ${needed}`, { city, rows, needed });
  }
}
