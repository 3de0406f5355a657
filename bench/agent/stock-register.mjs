// The stock OpenTelemetry set-up of an ESM app, as upstream documents it: the ESM loader hook
// first (without it `auto-instrumentations-node/register` patches nothing in an ESM app and says
// nothing), then the register entry with its default instrumentations. Used as
// `node --import <this file> app.mjs`.
import { register } from 'node:module';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
await import('@opentelemetry/auto-instrumentations-node/register');
