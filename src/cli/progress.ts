// A one-line progress bar on stderr for long jobs (seeding, training, benchmarks). On a
// non-TTY (CI logs) it prints a line every 10% instead of redrawing.
const WIDTH = 30;

/** A progress reporter for one named job. */
export interface Progress {
  update(done: number, total: number, note?: string): void;
  done(note?: string): void;
}

/** Starts a progress bar labelled `label`, drawn on `stream` (stderr by default). */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  let lastDecile = -1;
  const started = Date.now();
  const line = (done: number, total: number, note = '') => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(frac * WIDTH);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.round(frac * 100)}% ${done}/${total} ${secs}s ${note}`;
  };
  return {
    update(done, total, note) {
      if (tty) {
        stream.write(`\r${line(done, total, note)}\x1b[K`);
        return;
      }
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${line(done, total, note)}\n`);
      }
    },
    done(note = 'done') {
      stream.write(tty ? `\r${label}: ${note} in ${((Date.now() - started) / 1000).toFixed(1)}s\x1b[K\n` : `${label}: ${note}\n`);
    },
  };
}
