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

  it('rejects production code importing the test harness', async () => {
    const messages = await lintAs(
      'apps/station-intake/src/probe.ts',
      "import { waitFor } from '@cargo/testing';\nexport const probe = waitFor;\n",
    );
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('accepts an app importing contracts and infrastructure libs', async () => {
    const messages = await lintAs(
      'apps/tracking/src/probe.ts',
      "import { loadConfig } from '@cargo/service-runtime';\nexport const probe = loadConfig;\n",
    );
    expect(messages).toEqual([]);
  });
});
