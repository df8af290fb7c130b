/**
 * Loaded first by main.ts: the OpenTelemetry SDK must be registered before http, express, pg and
 * kafkajs are loaded, so its instrumentations can patch them.
 */
import { startTelemetry } from '@cargo/telemetry';

startTelemetry({ serviceName: 'station-intake' });
