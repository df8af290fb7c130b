// Integration tests talk to real servers: a per-test timeout of 120 s (a project-level setting;
// `testTimeout` itself is global-only when Jest runs several projects at once).
jest.setTimeout(120_000);
