// Rows of the prediction tables as the rest of the service sees them.
import type { FeatureSpec } from './features.js';
import type { LoadedModel } from './model.js';

/** A city (table `cities`). */
export interface City {
  slug: string;
  name: string;
  country: string;
  latitude: number;
  longitude: number;
  /** Standard-time UTC offset in hours (DST ignored). */
  utcOffsetHours: number;
  /** Average demand before weather effects, in MW. */
  baseLoadMw: number;
}

/** A city with its active model's version and accuracy (null when untrained, so JSON keeps the keys). */
export interface CityWithModel {
  slug: string;
  name: string;
  activeVersion: number | null;
  /** Holdout MAPE of the active model, percent. */
  mape: number | null;
  trainedAt: Date | null;
}

/** A stored model (table `models`). */
export interface ModelRecord {
  id: number;
  city: string;
  version: number;
  algorithm: string;
  coefficients: number[];
  featureSpec: FeatureSpec;
  /** Holdout MAPE, percent. */
  mape: number;
  trainingRows: number;
  holdoutRows: number;
  trainedAt: Date;
  trainingMs: number;
  isActive: boolean;
}

/** The inference form of a stored model. */
export function toLoadedModel(record: ModelRecord): LoadedModel {
  return {
    city: record.city,
    version: record.version,
    coefficients: Float64Array.from(record.coefficients),
    spec: record.featureSpec,
    mape: record.mape,
    trainedAt: record.trainedAt,
  };
}
