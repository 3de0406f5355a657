// The resource every signal carries: service.name and service.version of the app being
// observed (from OTEL_SERVICE_NAME, else the app's own package.json), on top of what the
// environment (OTEL_RESOURCE_ATTRIBUTES), the process and the host say.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
  type Resource,
} from '@opentelemetry/resources';
import type * as SemanticConventions from '@opentelemetry/semantic-conventions';

// Its CommonJS build, which the SDK's CommonJS packages load anyway: an `import` resolves to the
// ESM build, a second copy of every constant (~300 KB of source) held by every instrumented app.
const { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } = createRequire(import.meta.url)('@opentelemetry/semantic-conventions') as typeof SemanticConventions;

/** Name and version of a package.json. */
export interface PackageIdentity {
  name?: string;
  version?: string;
}

/** The nearest package.json at or above `dir` that has a name; {} when none is readable. */
export function nearestPackage(dir: string): PackageIdentity {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const file = path.join(d, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageIdentity;
        if (pkg.name) return { name: pkg.name, version: pkg.version };
      } catch {
        // A malformed package.json says nothing about the app; keep looking above it.
      }
    }
    if (path.dirname(d) === d) return {};
  }
}

/** The app's package: the one around its entry script (argv[1]), else around the working directory. */
export function appPackage(entry: string | undefined = process.argv[1], cwd = process.cwd()): PackageIdentity {
  const fromEntry = entry ? nearestPackage(path.dirname(path.resolve(cwd, entry))) : {};
  return fromEntry.name ? fromEntry : nearestPackage(cwd);
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
  return defaultResource().merge(withoutCommandLine(detected)).merge(service);
}

// The process detector records the whole command line, and the resource goes on every export and
// on /metrics as target_info: a token passed as an argument would be published. The executable,
// the script (process.command) and the pid stay.
const COMMAND_LINE_ATTRIBUTES = ['process.command_args', 'process.command_line'];

function withoutCommandLine(resource: Resource): Resource {
  const kept = Object.fromEntries(Object.entries(resource.attributes).filter(([key]) => !COMMAND_LINE_ATTRIBUTES.includes(key)));
  return resourceFromAttributes(kept, { schemaUrl: resource.schemaUrl });
}
