// The resource every signal carries: service.name and service.version on top of what the
// environment (OTEL_RESOURCE_ATTRIBUTES), the process and the host say.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

/** The version in the package.json nearest above this module; undefined if none is readable. */
export function foresightVersion(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version;
      } catch {
        return undefined;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Builds the resource; the explicit service name and version win over OTEL_RESOURCE_ATTRIBUTES, as the spec says. */
export async function buildResource(serviceName: string, serviceVersion: string | undefined): Promise<Resource> {
  const detected = detectResources({ detectors: [envDetector, processDetector, hostDetector] });
  // host.id is read asynchronously (~10 ms); settle it once here rather than have every
  // exporter warn and race it.
  await detected.waitForAsyncAttributes?.();
  const service = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: serviceName,
    ...(serviceVersion ? { [ATTR_SERVICE_VERSION]: serviceVersion } : {}),
  });
  return defaultResource().merge(detected).merge(service);
}
