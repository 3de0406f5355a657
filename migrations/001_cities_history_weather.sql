-- Cities, their hourly demand history, and hourly weather (history plus the forecast horizon).

CREATE TABLE cities (
  slug             text PRIMARY KEY,
  name             text NOT NULL,
  country          text NOT NULL,
  latitude         float8 NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude        float8 NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  -- Standard-time offset; the model's daily and weekly cycles run in local time.
  utc_offset_hours float8 NOT NULL CHECK (utc_offset_hours BETWEEN -12 AND 14),
  base_load_mw     float8 NOT NULL CHECK (base_load_mw > 0),
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- The primary key (city, ts) is the only index needed: training reads one city's history in
-- time order (a range scan on it), and the seed's ON CONFLICT uses it.
CREATE TABLE demand_history (
  city          text NOT NULL REFERENCES cities (slug) ON DELETE CASCADE,
  ts            timestamptz NOT NULL,
  demand_mw     float8 NOT NULL,
  temperature_c float8 NOT NULL,
  PRIMARY KEY (city, ts)
);

-- Every prediction reads a contiguous run of hours of one city: a range scan of (city, ts).
CREATE TABLE weather (
  city          text NOT NULL REFERENCES cities (slug) ON DELETE CASCADE,
  ts            timestamptz NOT NULL,
  temperature_c float8 NOT NULL,
  PRIMARY KEY (city, ts)
);
