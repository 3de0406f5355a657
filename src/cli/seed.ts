// `foresight seed`: seed an empty database and train the cities that have no model, with progress.
import { loadConfig } from '../config/index.js';
import { openDatabase } from '../db/index.js';
import { ModelRegistry, seedIfEmpty } from '../prediction/index.js';
import { progressBar } from './progress.js';

/** Runs the seed step against DATABASE_URL or the embedded database. */
export async function run(): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const seedBar = progressBar('seed');
    const report = await seedIfEmpty(db, {
      cities: config.SEED_CITIES,
      days: config.SEED_DAYS,
      onProgress: (done, total) => seedBar.update(done, total),
    });
    seedBar.done(report.seeded ? 'seeded' : 'database already seeded');
    const registry = new ModelRegistry(db);
    const untrained = (await registry.listCities()).filter((c) => c.activeVersion === null);
    const trainBar = progressBar('train');
    for (const [i, city] of untrained.entries()) {
      await registry.trainCity(city.slug);
      trainBar.update(i + 1, untrained.length, city.slug);
    }
    trainBar.done(`${untrained.length} models trained`);
    return 0;
  } finally {
    await db.close();
  }
}
