// Network and disk I/O (seed 001's system dashboard) as counters, read from Linux's /proc when
// Prometheus collects: `system_network_io_bytes_total{device,direction}` for the network
// namespace this process runs in (its container's interfaces), and
// `process_disk_io_bytes_total{direction}` for this process's reads and writes that reached the
// storage layer. Elsewhere, or where /proc cannot be read, they have no series.
import fs from 'node:fs';
import { observableCounter, SYSTEM_METRICS } from '../metrics/index.js';

let registered = false;

/** Receive and transmit bytes per interface, from the text of /proc/self/net/dev. */
export function readNetworkIo(text: string): Array<{ device: string; receive: number; transmit: number }> {
  const out: Array<{ device: string; receive: number; transmit: number }> = [];
  for (const line of text.split('\n').slice(2)) {
    const m = /^\s*([^:\s]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const f = m[2]!.trim().split(/\s+/).map(Number);
    if (f.length >= 9 && Number.isFinite(f[0]) && Number.isFinite(f[8])) out.push({ device: m[1]!, receive: f[0]!, transmit: f[8]! });
  }
  return out;
}

/** read_bytes and write_bytes from the text of /proc/self/io. */
export function readDiskIo(text: string): { read: number; write: number } | undefined {
  const read = /^read_bytes:\s*(\d+)/m.exec(text)?.[1];
  const write = /^write_bytes:\s*(\d+)/m.exec(text)?.[1];
  return read === undefined || write === undefined ? undefined : { read: Number(read), write: Number(write) };
}

const readText = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** Registers both counters once per process (later calls do nothing); call after the SDK started. */
export function observeIo(): void {
  if (registered) return;
  registered = true;
  observableCounter(SYSTEM_METRICS.networkIo).addCallback((result) => {
    const text = readText('/proc/self/net/dev');
    for (const d of text ? readNetworkIo(text) : []) {
      result.observe(d.receive, { device: d.device, direction: 'receive' });
      result.observe(d.transmit, { device: d.device, direction: 'transmit' });
    }
  });
  observableCounter(SYSTEM_METRICS.diskIo).addCallback((result) => {
    const text = readText('/proc/self/io');
    const io = text ? readDiskIo(text) : undefined;
    if (!io) return;
    result.observe(io.read, { direction: 'read' });
    result.observe(io.write, { direction: 'write' });
  });
}
