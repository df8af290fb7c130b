import { resolve } from 'node:path';
import { startEmbeddedProvider } from './embedded-identity.provider';

/**
 * `node dist/apps/identity-provider/src/main.js`: the embedded OpenID provider of `npm start`.
 * IDP_PORT (3100), IDP_HOST (127.0.0.1), IDP_ISSUER (http://IDP_HOST:IDP_PORT), IDP_DATA_DIR
 * (DATA_DIR/identity), OIDC_AUDIENCE (cargo-hub), IDP_TOKEN_TTL_SECONDS (3600).
 */
const env = process.env;
const port = Number(env['IDP_PORT'] ?? 3100);
const host = env['IDP_HOST'] ?? '127.0.0.1';
const ttl = Number(env['IDP_TOKEN_TTL_SECONDS'] ?? 3600);
if (!Number.isInteger(port) || port < 0 || port > 65535 || !Number.isInteger(ttl) || ttl < 60) {
  console.error('[identity-provider] IDP_PORT must be a port and IDP_TOKEN_TTL_SECONDS at least 60');
  process.exit(1);
}
startEmbeddedProvider({
  issuer: env['IDP_ISSUER'] ?? `http://${host}:${port}`,
  host,
  port,
  dataDir: env['IDP_DATA_DIR'] ?? resolve(env['DATA_DIR'] ?? '.data', 'identity'),
  audience: env['OIDC_AUDIENCE'] ?? 'urn:cargo-hub',
  accessTokenTtlSeconds: ttl,
}).then(
  (running) => {
    console.log(`identity provider listening on ${running.issuer} (${running.clients.length} clients)`);
    const stop = () => void running.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error('[identity-provider] failed to start:', error);
    process.exit(1);
  },
);
