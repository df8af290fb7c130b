import { DescribedConfig } from '../../config/topic-config.schema';
import { WireReader } from '../wire-reader.codec';
import { WireWriter } from '../wire-writer.codec';

/** ConfigResource types. */
export const ResourceType = { TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

export interface DescribeConfigsRequest {
  resources: { type: number; name: string; keys: string[] | null }[];
  includeSynonyms: boolean;
}

/** DescribeConfigs v0–2 (non-flexible). */
export function decodeDescribeConfigsRequest(r: WireReader, version: number): DescribeConfigsRequest {
  const resources = r.array((x) => ({ type: x.int8(), name: x.string(), keys: x.nullableArray((k) => k.string()) }));
  const includeSynonyms = version >= 1 ? r.bool() : false;
  return { resources, includeSynonyms };
}

export interface DescribeConfigsResult {
  errorCode: number;
  errorMessage: string | null;
  type: number;
  name: string;
  configs: DescribedConfig[];
}

export function encodeDescribeConfigsResponse(version: number, includeSynonyms: boolean, results: DescribeConfigsResult[]): WireWriter {
  const w = new WireWriter(1024);
  w.int32(0);
  w.array(results, (x, res) => {
    x.int16(res.errorCode).nullableString(res.errorMessage).int8(res.type).string(res.name);
    x.array(res.configs, (y, c) => {
      y.string(c.name).nullableString(c.sensitive ? null : c.value).bool(c.readOnly);
      if (version === 0) {
        y.bool(c.isDefault).bool(c.sensitive);
      } else {
        y.int8(c.source).bool(c.sensitive);
        y.array(includeSynonyms ? c.synonyms : [], (z, s) => z.string(s.name).nullableString(s.value).int8(s.source));
      }
    });
  });
  return w;
}

export interface AlterConfigsRequest {
  resources: { type: number; name: string; configs: { name: string; value: string | null }[] }[];
  validateOnly: boolean;
}

/** AlterConfigs v0–1: the given set replaces all of the resource's overrides. */
export function decodeAlterConfigsRequest(r: WireReader): AlterConfigsRequest {
  const resources = r.array((x) => ({
    type: x.int8(),
    name: x.string(),
    configs: x.array((c) => ({ name: c.string(), value: c.nullableString() })),
  }));
  return { resources, validateOnly: r.bool() };
}

/** IncrementalAlterConfigs operations. */
export const AlterOp = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface IncrementalAlterConfigsRequest {
  resources: { type: number; name: string; configs: { name: string; op: number; value: string | null }[] }[];
  validateOnly: boolean;
}

/** IncrementalAlterConfigs v0 (non-flexible). */
export function decodeIncrementalAlterConfigsRequest(r: WireReader): IncrementalAlterConfigsRequest {
  const resources = r.array((x) => ({
    type: x.int8(),
    name: x.string(),
    configs: x.array((c) => ({ name: c.string(), op: c.int8(), value: c.nullableString() })),
  }));
  return { resources, validateOnly: r.bool() };
}

export interface AlterConfigsResult {
  errorCode: number;
  errorMessage: string | null;
  type: number;
  name: string;
}

/** AlterConfigs v0–1 and IncrementalAlterConfigs v0 share this response. */
export function encodeAlterConfigsResponse(results: AlterConfigsResult[]): WireWriter {
  const w = new WireWriter();
  w.int32(0);
  w.array(results, (x, res) => x.int16(res.errorCode).nullableString(res.errorMessage).int8(res.type).string(res.name));
  return w;
}
