import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { WORKSPACE_ROOT } from '@cargo/testing';
import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Service } from '../lifecycle/schema-fingerprint.spec-helper';

/** The part of an OpenAPI document the check reads. */
export interface OpenApiQueryView {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>;
}

/** Where @nestjs/swagger marks what it leaves out of the document on purpose. */
const EXCLUDED_CONTROLLER = 'swagger/apiExcludeController';
const EXCLUDED_ENDPOINT = 'swagger/apiExcludeEndpoint';

type Controller = new (...args: never[]) => object;

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? controllerFiles(join(dir, entry.name)) : entry.name.endsWith('.controller.js') ? [join(dir, entry.name)] : [],
  );
}

/**
 * The controllers a service runs, from the built output (`npm run build`) the hub's processes run
 * too: the service's own and the shared ones of service-runtime (health, clock).
 */
function controllersOf(service: Service): Controller[] {
  const files = [...controllerFiles(join(WORKSPACE_ROOT, 'dist/apps', service, 'src')), ...controllerFiles(join(WORKSPACE_ROOT, 'dist/libs/service-runtime/src'))];
  const exported = files.flatMap((file) => Object.values(require(file) as Record<string, unknown>));
  return exported.filter((value): value is Controller => typeof value === 'function' && Reflect.getMetadata(PATH_METADATA, value) !== undefined);
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value ?? '')]);

/** `/v1/flights/{flightId}/manifest` from the controller's and the handler's path. */
function templatesOf(controller: Controller, handler: object): string[] {
  return asList(Reflect.getMetadata(PATH_METADATA, controller)).flatMap((base) =>
    asList(Reflect.getMetadata(PATH_METADATA, handler)).map((path) => `/${[base, path].filter((p) => p !== '' && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}')),
  );
}

/**
 * The query parameters a handler reads: each `@Query('name')`, and every property of a `@Query()`
 * DTO that has a class-validator rule (the edge's pipe strips the others, so a handler can read no
 * other).
 */
function queryParametersOf(controller: Controller, method: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as unknown[];
  return Object.entries(args)
    .filter(([key]) => key.startsWith(`${RouteParamtypes.QUERY}:`))
    .flatMap(([, arg]) => {
      if (typeof arg.data === 'string') return [arg.data];
      const dto = types[arg.index];
      if (typeof dto !== 'function' || dto === Object) return ['(an untyped @Query() object: declare a DTO class)'];
      return [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))];
    });
}

/**
 * Every query parameter a route of the service reads that its OpenAPI document does not list, as
 * `GET /v1/shipments ?flight` (also routes missing from the document, unless left out on purpose
 * with ApiExcludeController / ApiExcludeEndpoint).
 */
export function undocumentedQueryParameters(service: Service, document: OpenApiQueryView): string[] {
  const missing: string[] = [];
  for (const controller of controllersOf(service)) {
    if (Reflect.getMetadata(EXCLUDED_CONTROLLER, controller)?.[0] === true) continue;
    for (const method of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[method];
      if (method === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(EXCLUDED_ENDPOINT, handler)?.disable === true) continue;
      const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
      const reads = queryParametersOf(controller, method);
      for (const template of templatesOf(controller, handler)) {
        const operation = document.paths[template]?.[verb];
        const listed = new Set((operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
        for (const name of reads) if (!listed.has(name)) missing.push(`${service} ${verb.toUpperCase()} ${template} ?${name}${operation ? '' : ' (route not in the document)'}`);
      }
    }
  }
  return missing;
}
