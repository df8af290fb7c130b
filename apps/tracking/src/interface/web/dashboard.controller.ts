import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@cargo/service-runtime';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { bundleDashboard, dashboardBundlePath, newestSourceMtime } from './dashboard.bundler';
import { DASHBOARD_HTML } from './dashboard.html';

/**
 * Serves the web dashboard: the page at `/` and `/dashboard`, its script at `/dashboard.bundle.js`.
 * The script is the prebuilt bundle when it is at least as new as the sources, else it is bundled
 * once in memory on first request.
 */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardController {
  private readonly logger = new Logger('Dashboard');
  private bundle: Promise<string> | undefined;

  @Get(['', 'dashboard'])
  @Header('Content-Type', 'text/html; charset=utf-8')
  page(): string {
    return DASHBOARD_HTML;
  }

  @Get('dashboard.bundle.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): Promise<string> {
    this.bundle ??= this.load().catch((error: unknown) => {
      this.bundle = undefined;
      throw error;
    });
    return this.bundle;
  }

  private async load(): Promise<string> {
    let sourcesMtime = 0;
    try {
      sourcesMtime = newestSourceMtime();
    } catch {
      sourcesMtime = 0; // deployed without sources: only the prebuilt bundle can be served
    }
    const prebuilt = sourcesMtime === 0 ? 'dist/apps/tracking/web/dashboard.bundle.js' : dashboardBundlePath();
    if (existsSync(prebuilt) && statSync(prebuilt).mtimeMs >= sourcesMtime) return readFileSync(prebuilt, 'utf8');
    this.logger.log('bundling the dashboard (no up-to-date prebuilt bundle)');
    return bundleDashboard();
  }
}
