import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { WORKSPACE_ROOT } from './service-process.fixture';

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `code` as if it were the file at `path` in the workspace, with the workspace's ESLint config. */
function lintAs(path: string, code: string): Promise<LintMessage[]> {
  const eslint = resolve(WORKSPACE_ROOT, 'node_modules/.bin/eslint');
  return new Promise((done, fail) => {
    const child = execFile(
      eslint,
      ['--stdin', '--stdin-filename', path, '--format', 'json'],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, NX_DAEMON: 'false' } },
      // ESLint exits 1 when it finds problems; its JSON report is on stdout either way.
      (_error, stdout, stderr) => {
        try {
          const [result] = JSON.parse(stdout) as { messages: LintMessage[] }[];
          done(result?.messages ?? []);
        } catch {
          fail(new Error(`ESLint gave no report: ${stderr}`));
        }
      },
    );
    child.stdin?.end(code);
  });
}

describe('module boundaries enforced by lint', () => {
  it('rejects an app importing another app', async () => {
    const messages = await lintAs(
      'apps/tracking/src/probe.ts',
      "import { AppModule } from '../../customs-hold/src/app.module';\nexport const probe = AppModule;\n",
    );
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('rejects contracts importing Nest', async () => {
    const messages = await lintAs(
      'libs/contracts/src/probe.ts',
      "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n",
    );
    expect(messages).toContainEqual(
      expect.objectContaining({ ruleId: '@nx/enforce-module-boundaries', message: expect.stringContaining('@nestjs/common') }),
    );
  });

  it('rejects contracts importing any lib of ours', async () => {
    const messages = await lintAs(
      'libs/contracts/src/probe.ts',
      "import { resolveDatabase } from '@cargo/persistence';\nexport const probe = resolveDatabase;\n",
    );
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it.each([
    ['Nest', "import { Injectable } from '@nestjs/common';\nexport const probe = Injectable;\n"],
    ['a lib of ours', "import { Awb } from '@cargo/contracts';\nexport const probe = Awb;\n"],
  ])('rejects the framework-free Cargo-IMP library importing %s', async (_what, code) => {
    const messages = await lintAs('libs/cargo-imp/src/probe.ts', code);
    expect(messages.map((m) => m.ruleId)).toContain('@nx/enforce-module-boundaries');
  });

  it('accepts an app importing the Cargo-IMP library', async () => {
    const messages = await lintAs('apps/flight-assignment/src/domain/probe.ts', "import { writeFfm } from '@cargo/cargo-imp';\nexport const probe = writeFfm;\n");
    expect(messages).toEqual([]);
  });

  it('rejects production code importing the test harness', async () => {
    const messages = await lintAs(
      'apps/station-intake/src/probe.ts',
      "import { waitFor } from '@cargo/testing';\nexport const probe = waitFor;\n",
    );
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it.each([
    ['typeorm in application/', 'apps/tracking/src/application/probe.ts', "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n"],
    ['pg in domain/', 'apps/customs-hold/src/domain/probe.ts', "import { Pool } from 'pg';\nexport const probe = Pool;\n"],
    ['an infrastructure adapter in application/', 'apps/station-intake/src/application/probe.ts', "import { x } from '../infrastructure/x';\nexport const probe = x;\n"],
    ['@nestjs/typeorm in application/', 'apps/flight-assignment/src/application/probe.ts', "import { InjectDataSource } from '@nestjs/typeorm';\nexport const probe = InjectDataSource;\n"],
  ])('rejects %s: domain and application use ports', async (_what, path, code) => {
    const messages = await lintAs(path, code);
    expect(messages).toContainEqual(
      expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('domain/ and application/ use ports') }),
    );
  });

  it('still rejects the test harness in application/ (the layer rule keeps that restriction)', async () => {
    const messages = await lintAs('apps/tracking/src/application/probe.ts', "import { waitFor } from '@cargo/testing';\nexport const probe = waitFor;\n");
    expect(messages).toContainEqual(expect.objectContaining({ ruleId: 'no-restricted-imports', message: expect.stringContaining('test harness') }));
  });

  it('accepts typeorm in infrastructure/, where adapters live', async () => {
    const messages = await lintAs('apps/tracking/src/infrastructure/probe.ts', "import { DataSource } from 'typeorm';\nexport const probe = DataSource;\n");
    expect(messages).toEqual([]);
  });

  it('accepts an app importing contracts and infrastructure libs', async () => {
    const messages = await lintAs(
      'apps/tracking/src/probe.ts',
      "import { loadConfig } from '@cargo/service-runtime';\nexport const probe = loadConfig;\n",
    );
    expect(messages).toEqual([]);
  });
});
