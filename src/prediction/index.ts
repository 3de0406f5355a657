// Public entry of the prediction domain: energy-demand models per city, their registry, cache,
// weather input, batched inference and the deterministic seed data.
export { MODEL_NAME, ALGORITHM, inferBatch, predict, assertModel, type LoadedModel, type InferenceItem } from './model.js';
export { ModelRegistry, type ModelRegistryOptions } from './registry.js';
export { observeModelAccuracy } from './accuracy-metric.js';
export { ModelCache, type ModelCacheOptions, type ModelCacheStats, type ModelSource } from './model-cache.js';
export { HotKeys, type HotKey, type HotKeysOptions } from './hot-keys.js';
export { WeatherRepository, type WeatherRange, type WeatherRepositoryOptions } from './weather.js';
export { seedDatabase, seedIfEmpty, type SeedOptions, type SeedReport } from './seed.js';
export { CITY_CATALOGUE, seedCities, type CitySpec } from './cities.js';
export { toLoadedModel, type City, type CityWithModel, type ModelRecord } from './records.js';
export { PredictionError, UnknownCityError, ModelNotTrainedError, NoWeatherDataError, InsufficientHistoryError } from './errors.js';
export { defaultFeatureSpec, featureCount, featureNames, writeFeatures, type FeatureSpec } from './features.js';
export { fitModel, type FitOptions, type FitResult, type TrainingData } from './train.js';
export { HOUR_MS, DAY_MS, floorHour } from './time.js';
