-- Trained models: one row per version, at most one active per city.

CREATE TABLE models (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  city          text NOT NULL REFERENCES cities (slug) ON DELETE CASCADE,
  version       integer NOT NULL CHECK (version >= 1),
  algorithm     text NOT NULL,
  coefficients  float8[] NOT NULL,
  -- How features are built (harmonics, degree-day bases, UTC offset), so inference rebuilds them.
  feature_spec  jsonb NOT NULL,
  -- Mean absolute percentage error on the held-out final week, in percent.
  mape          float8 NOT NULL,
  training_rows integer NOT NULL,
  holdout_rows  integer NOT NULL,
  trained_at    timestamptz NOT NULL DEFAULT now(),
  training_ms   float8 NOT NULL,
  is_active     boolean NOT NULL DEFAULT false,
  -- Its index also answers "latest version of a city" (max(version) WHERE city = $1) with a
  -- backward scan of one key prefix, which training runs to number the next version.
  CONSTRAINT models_city_version_key UNIQUE (city, version)
);

-- One active model per city, enforced by the database rather than by every writer. Being
-- partial, it holds one entry per city and is what "active model of a city" (model load on a
-- cache miss, the cities listing's join) looks up.
CREATE UNIQUE INDEX models_active_city ON models (city) WHERE is_active;
