import { GroupCoordinator } from '../coordinator/group-coordinator.service';
import { ApiKey, SUPPORTED_VERSIONS, isFlexibleRequest } from '../protocol/api-keys.constants';
import { ErrorCode } from '../protocol/error-codes.constants';
import { decodeDeleteTopicsRequest, decodeInitProducerIdRequest, encodeDeleteTopicsResponse, encodeInitProducerIdResponse } from '../protocol/messages/admin.codec';
import { decodeApiVersionsRequest, encodeApiVersionsResponse } from '../protocol/messages/api-versions.codec';
import { FetchPartitionResponse, FetchRequest, decodeFetchRequest, encodeFetchResponse } from '../protocol/messages/fetch.codec';
import {
  decodeDescribeGroupsRequest,
  decodeFindCoordinatorRequest,
  decodeHeartbeatRequest,
  decodeJoinGroupRequest,
  decodeLeaveGroupRequest,
  decodeOffsetCommitRequest,
  decodeOffsetFetchRequest,
  decodeSyncGroupRequest,
  encodeDescribeGroupsResponse,
  encodeErrorOnlyResponse,
  encodeFindCoordinatorResponse,
  encodeJoinGroupResponse,
  encodeLeaveGroupResponse,
  encodeListGroupsResponse,
  encodeOffsetCommitResponse,
  encodeOffsetFetchResponse,
  encodeSyncGroupResponse,
} from '../protocol/messages/group.codec';
import { ListOffsetsPartitionResponse, decodeListOffsetsRequest, encodeListOffsetsResponse } from '../protocol/messages/list-offsets.codec';
import { MetadataTopic, decodeMetadataRequest, encodeMetadataResponse } from '../protocol/messages/metadata.codec';
import { ProducePartitionResponse, decodeProduceRequest, encodeProduceResponse } from '../protocol/messages/produce.codec';
import { ProtocolError, WireReader } from '../protocol/wire-reader.codec';
import { WireWriter } from '../protocol/wire-writer.codec';
import { BrokerStateStore } from '../storage/broker-state.store';
import { GroupOffsetStore } from '../storage/group-offsets.store';
import { FlushMode } from '../storage/partition-log.store';
import { BatchError, BatchHeader, validateRecords } from '../storage/record-batch.codec';
import { Topic, TopicRegistry, isValidTopicName } from '../storage/topic-registry.store';
import { AdminRequests, BrokerConfigEntry } from './admin-requests.service';
import { SaslAuthenticator } from './sasl-authenticator.service';
import { decodeSaslAuthenticateRequest, decodeSaslHandshakeRequest, encodeSaslAuthenticateResponse, encodeSaslHandshakeResponse } from '../protocol/messages/sasl.codec';
import { refuseAddPartitionsToTxn, refuseTxnOffsetCommit, refuseWithErrorCode } from '../protocol/messages/transactions.codec';
import { BrokerConnection, ConnectionDispatcher, HandlerResult, RequestHeader } from './broker-connection.handler';
import { FetchWaiter, FetchWaiters, partitionKey } from './fetch-waiters.service';

const KAFKA_STORAGE_ERROR = 56;

/** What a client may send on a SASL listener before it has authenticated. */
const PRE_AUTH_APIS: ReadonlySet<number> = new Set([ApiKey.ApiVersions, ApiKey.SaslHandshake, ApiKey.SaslAuthenticate]);

/** Kafka's error code for each reason a produce's records are refused. */
const BATCH_ERROR_CODES: Record<BatchError, number> = {
  corrupt: ErrorCode.CORRUPT_MESSAGE,
  magic: ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT,
  'too-large': ErrorCode.MESSAGE_TOO_LARGE,
  'invalid-record': ErrorCode.INVALID_RECORD,
  'invalid-timestamp': ErrorCode.INVALID_TIMESTAMP,
  transactional: ErrorCode.INVALID_TXN_STATE,
};

/**
 * message.timestamp.before/after/difference.max.ms for CreateTime batches, checked on the batch's
 * first and largest timestamps (Kafka checks each record's).
 */
function timestampsWithin(h: BatchHeader, cfg: Topic['effective'], now: number): boolean {
  if (cfg.timestampBeforeMaxMs === undefined && cfg.timestampAfterMaxMs === undefined) return true;
  for (const ts of [h.baseTimestamp, h.maxTimestamp]) {
    if (ts < 0) continue;
    if (cfg.timestampBeforeMaxMs !== undefined && now - ts > cfg.timestampBeforeMaxMs) return false;
    if (cfg.timestampAfterMaxMs !== undefined && ts - now > cfg.timestampAfterMaxMs) return false;
  }
  return true;
}
/** Longest a fetch is parked while the fetching client's group is rebalancing. */
const REBALANCE_FETCH_WAIT_MS = 50;

export interface DispatcherConfig {
  nodeId: number;
  advertisedHost: string;
  port: () => number;
  defaultPartitions: number;
  autoCreateTopics: boolean;
  flushMode: FlushMode;
  /** The broker's settings as DescribeConfigs shows them. */
  brokerConfigs: () => BrokerConfigEntry[];
  /** SASL_PLAINTEXT when set: every connection authenticates before anything else. */
  sasl: SaslAuthenticator | null;
  log: (line: string) => void;
}

/**
 * Decodes each request, runs it against the broker state and encodes the response. Every API of
 * the notes is served at the advertised versions; anything else closes the connection (except
 * ApiVersions, which answers error 35 in a v0 body so clients can retry lower).
 */
export class RequestDispatcher implements ConnectionDispatcher {
  readonly waiters = new FetchWaiters();
  private readonly admin: AdminRequests;

  constructor(
    private readonly config: DispatcherConfig,
    private readonly topics: TopicRegistry,
    private readonly offsets: GroupOffsetStore,
    private readonly coordinator: GroupCoordinator,
    private readonly brokerState: BrokerStateStore,
  ) {
    this.admin = new AdminRequests(
      {
        nodeId: config.nodeId,
        defaultPartitions: config.defaultPartitions,
        brokerConfigs: config.brokerConfigs,
        notifyPartitions: (topic, count) => {
          for (let p = 0; p < count; p++) this.waiters.notify(topic, p);
        },
        onTopicDeleted: () => undefined,
      },
      topics,
      coordinator,
    );
  }

  log(line: string): void {
    this.config.log(line);
  }

  connectionClosed(conn: BrokerConnection): void {
    // Not a LeaveGroup: the member stays until its session times out (a reconnecting client keeps it).
    this.waiters.connectionClosed(conn);
  }

  dispatch(conn: BrokerConnection, h: RequestHeader, r: WireReader): HandlerResult | 'close' {
    const range = SUPPORTED_VERSIONS.get(h.apiKey);
    if (!range) return 'close';
    if (h.apiKey === ApiKey.ApiVersions && (h.apiVersion > range.max || h.apiVersion < range.min)) {
      return encodeApiVersionsResponse(0, ErrorCode.UNSUPPORTED_VERSION);
    }
    if (h.apiVersion < range.min || h.apiVersion > range.max) return 'close';
    if (this.config.sasl && conn.principal === null && !PRE_AUTH_APIS.has(h.apiKey)) {
      // As Kafka on a SASL listener: any other request before authentication closes the connection.
      this.config.log(`connection ${conn.id}: closing, api ${h.apiKey} requested before SASL authentication (this listener is SASL_PLAINTEXT)`);
      return 'close';
    }
    if (isFlexibleRequest(h.apiKey, h.apiVersion)) r.tagBuffer();
    const v = h.apiVersion;
    switch (h.apiKey) {
      case ApiKey.ApiVersions:
        decodeApiVersionsRequest(r, v);
        return encodeApiVersionsResponse(v);
      case ApiKey.Metadata:
        return this.metadata(r, v);
      case ApiKey.Produce:
        return this.produce(r, v);
      case ApiKey.Fetch:
        return this.fetch(conn, r, v);
      case ApiKey.ListOffsets:
        return this.listOffsets(r, v);
      case ApiKey.FindCoordinator: {
        decodeFindCoordinatorRequest(r, v);
        return encodeFindCoordinatorResponse(v, 0, this.node());
      }
      case ApiKey.JoinGroup:
        return this.joinGroup(conn, r, v);
      case ApiKey.SyncGroup: {
        const req = decodeSyncGroupRequest(r, v);
        return this.coordinator
          .syncGroup({ ...req, connectionId: conn.id })
          .then((res) => encodeSyncGroupResponse(v, res.errorCode, res.assignment));
      }
      case ApiKey.Heartbeat: {
        const req = decodeHeartbeatRequest(r, v);
        return encodeErrorOnlyResponse(v, this.coordinator.heartbeat({ ...req, connectionId: conn.id }));
      }
      case ApiKey.LeaveGroup: {
        const req = decodeLeaveGroupRequest(r, v);
        const res = this.coordinator.leaveGroup(req.groupId, req.members);
        return encodeLeaveGroupResponse(v, res.errorCode, res.members);
      }
      case ApiKey.OffsetCommit:
        return this.offsetCommit(r, v);
      case ApiKey.OffsetFetch:
        return this.offsetFetch(r, v);
      case ApiKey.DescribeGroups: {
        const req = decodeDescribeGroupsRequest(r);
        return encodeDescribeGroupsResponse(
          v,
          req.groups.map((g) => this.coordinator.describeGroup(g)),
        );
      }
      case ApiKey.ListGroups:
        return encodeListGroupsResponse(v, this.coordinator.listGroups());
      case ApiKey.CreateTopics:
        return this.admin.createTopics(r, v);
      case ApiKey.CreatePartitions:
        return this.admin.createPartitions(r);
      case ApiKey.DeleteRecords:
        return this.admin.deleteRecords(r);
      case ApiKey.DeleteGroups:
        return this.admin.deleteGroups(r);
      case ApiKey.DescribeConfigs:
        return this.admin.describeConfigs(r, v);
      case ApiKey.AlterConfigs:
        return this.admin.alterConfigs(r);
      case ApiKey.IncrementalAlterConfigs:
        return this.admin.incrementalAlterConfigs(r);
      case ApiKey.DeleteTopics:
        return this.deleteTopics(r, v);
      case ApiKey.InitProducerId: {
        const req = decodeInitProducerIdRequest(r);
        if (req.transactionalId !== null) {
          // No transactions: refuse at once, as Kafka refuses a transactional id the client may not use.
          this.config.log(`connection ${conn.id} (${conn.clientId}): refused InitProducerId for transactional id '${req.transactionalId}': transactions are not supported by this broker`);
          return encodeInitProducerIdResponse(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, -1, -1);
        }
        const { producerId, epoch } = this.brokerState.initProducerId(null);
        return encodeInitProducerIdResponse(0, producerId, epoch);
      }
      case ApiKey.AddPartitionsToTxn:
        return refuseAddPartitionsToTxn(r, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      case ApiKey.AddOffsetsToTxn:
      case ApiKey.EndTxn:
        return refuseWithErrorCode(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      case ApiKey.TxnOffsetCommit:
        return refuseTxnOffsetCommit(r, v, ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
      case ApiKey.SaslHandshake:
        return this.saslHandshake(conn, r);
      case ApiKey.SaslAuthenticate:
        return this.saslAuthenticate(conn, r, v);
      default:
        return 'close';
    }
  }

  private saslHandshake(conn: BrokerConnection, r: WireReader): WireWriter {
    const { mechanism } = decodeSaslHandshakeRequest(r);
    const sasl = this.config.sasl;
    // A PLAINTEXT listener answers ILLEGAL_SASL_STATE, as Kafka does.
    if (!sasl) return encodeSaslHandshakeResponse(ErrorCode.ILLEGAL_SASL_STATE, []);
    if (conn.principal !== null || conn.saslExchange) {
      conn.endAfterResponses();
      return encodeSaslHandshakeResponse(ErrorCode.ILLEGAL_SASL_STATE, sasl.mechanisms);
    }
    const chosen = sasl.mechanisms.find((m) => m === mechanism);
    if (!chosen) {
      this.config.log(`connection ${conn.id}: SASL mechanism ${mechanism} refused; enabled: ${sasl.mechanisms.join(', ')}`);
      conn.endAfterResponses();
      return encodeSaslHandshakeResponse(ErrorCode.UNSUPPORTED_SASL_MECHANISM, sasl.mechanisms);
    }
    conn.saslExchange = sasl.begin(chosen);
    return encodeSaslHandshakeResponse(0, sasl.mechanisms);
  }

  private saslAuthenticate(conn: BrokerConnection, r: WireReader, v: number): WireWriter {
    const { authBytes } = decodeSaslAuthenticateRequest(r);
    const exchange = conn.saslExchange;
    if (!this.config.sasl || !exchange || conn.principal !== null) {
      conn.endAfterResponses();
      return encodeSaslAuthenticateResponse(v, ErrorCode.ILLEGAL_SASL_STATE, 'Unexpected SaslAuthenticate request: no SASL handshake in progress', Buffer.alloc(0));
    }
    const step = exchange.step(authBytes);
    switch (step.kind) {
      case 'failed':
        this.config.log(`connection ${conn.id}: SASL authentication failed: ${step.message}`);
        conn.saslExchange = null;
        conn.endAfterResponses();
        return encodeSaslAuthenticateResponse(v, ErrorCode.SASL_AUTHENTICATION_FAILED, step.message, Buffer.alloc(0));
      case 'continue':
        return encodeSaslAuthenticateResponse(v, 0, null, step.reply);
      case 'done':
        conn.principal = step.principal;
        conn.saslExchange = null;
        return encodeSaslAuthenticateResponse(v, 0, null, step.reply);
    }
  }

  private node() {
    return { nodeId: this.config.nodeId, host: this.config.advertisedHost, port: this.config.port() };
  }

  private metadata(r: WireReader, v: number): WireWriter {
    const req = decodeMetadataRequest(r, v);
    const names = req.topics ?? this.topics.list().map((t) => t.name);
    const allowCreate = this.config.autoCreateTopics && (v < 4 || req.allowAutoTopicCreation);
    const out: MetadataTopic[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      let topic = this.topics.get(name);
      if (!topic) {
        if (!isValidTopicName(name)) {
          out.push({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, name, partitions: [] });
          continue;
        }
        if (!allowCreate) {
          out.push({ errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, partitions: [] });
          continue;
        }
        topic = this.topics.create(name, this.config.defaultPartitions);
      }
      out.push({ errorCode: 0, name, partitions: topic.partitions.map((_, index) => ({ errorCode: 0, index })) });
    }
    return encodeMetadataResponse(v, this.node(), this.brokerState.clusterId, out);
  }

  private produce(r: WireReader, v: number): HandlerResult {
    const req = decodeProduceRequest(r, v);
    if (r.remaining !== 0) throw new ProtocolError('trailing bytes after produce request');
    const acksValid = req.acks === 0 || req.acks === 1 || req.acks === -1;
    const transactional = req.transactionalId !== null;
    const durable: Promise<void>[] = [];
    const failed = new Set<ProducePartitionResponse>();
    const topics = req.topics.map((t) => {
      const topic = this.topics.get(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p): ProducePartitionResponse => {
          const res: ProducePartitionResponse = { index: p.index, errorCode: 0, baseOffset: -1, logStartOffset: -1 };
          if (transactional) {
            res.errorCode = ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;
            return res;
          }
          if (!acksValid) {
            res.errorCode = ErrorCode.INVALID_REQUIRED_ACKS;
            return res;
          }
          const log = topic?.partitions[p.index];
          if (!log) {
            res.errorCode = isValidTopicName(t.name) ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.INVALID_TOPIC_EXCEPTION;
            return res;
          }
          if (!p.records) {
            res.errorCode = ErrorCode.INVALID_RECORD;
            return res;
          }
          const cfg = (topic as Topic).effective;
          const checked = validateRecords(p.records, { maxBatchBytes: cfg.maxMessageBytes, requireKeys: cfg.compact });
          if (!checked.ok) {
            res.errorCode = BATCH_ERROR_CODES[checked.error];
            return res;
          }
          // One replica: min.insync.replicas above 1 can never be met for acks=all, as in Kafka.
          if (req.acks === -1 && cfg.minInsyncReplicas > 1) {
            res.errorCode = ErrorCode.NOT_ENOUGH_REPLICAS;
            return res;
          }
          if (!cfg.logAppendTime && !timestampsWithin(checked.batches[0], cfg, Date.now())) {
            res.errorCode = ErrorCode.INVALID_TIMESTAMP;
            return res;
          }
          let appended;
          try {
            appended = log.append(checked.views, checked.batches, req.acks);
          } catch (err) {
            this.config.log(`append to ${t.name}-${p.index} failed: ${(err as Error).message}`);
            res.errorCode = KAFKA_STORAGE_ERROR;
            return res;
          }
          res.errorCode = appended.errorCode;
          res.baseOffset = appended.baseOffset;
          res.logStartOffset = log.logStartOffset;
          if (appended.durable) {
            durable.push(
              appended.durable.catch(() => {
                failed.add(res);
              }),
            );
          }
          if (appended.errorCode === 0) this.waiters.notify(t.name, p.index);
          return res;
        }),
      };
    });
    if (req.acks === 0) return null;
    if (durable.length === 0) return encodeProduceResponse(v, topics);
    return Promise.all(durable).then(() => {
      for (const res of failed) res.errorCode = KAFKA_STORAGE_ERROR;
      return encodeProduceResponse(v, topics);
    });
  }

  private fetch(conn: BrokerConnection, r: WireReader, v: number): HandlerResult {
    const req = decodeFetchRequest(r, v);
    const first = this.readFetch(req);
    if (first.bytes >= req.minBytes || req.maxWaitMs <= 0 || first.error) {
      return encodeFetchResponse(v, 0, first.topics);
    }
    // A member of a rebalancing group must get back to its heartbeat soon.
    const maxWaitMs = this.coordinator.isRebalancing(conn.clientId, conn.id)
      ? Math.min(req.maxWaitMs, REBALANCE_FETCH_WAIT_MS)
      : Math.min(req.maxWaitMs, 0x7fffffff);
    return new Promise<WireWriter>((resolve) => {
      let done = false;
      const keys: string[] = [];
      for (const t of req.topics) for (const p of t.partitions) keys.push(partitionKey(t.name, p.index));
      const timer = setTimeout(() => {
        if (waiter.wake(true)) this.waiters.remove(waiter);
      }, maxWaitMs);
      const waiter: FetchWaiter = {
        connection: conn,
        keys,
        wake: (force) => {
          if (done) return true;
          const res = this.readFetch(req);
          if (!force && res.bytes < req.minBytes && !res.error) return false;
          done = true;
          clearTimeout(timer);
          resolve(encodeFetchResponse(v, 0, res.topics));
          return true;
        },
        cancel: () => {
          done = true;
          clearTimeout(timer);
        },
      };
      this.waiters.add(waiter);
    });
  }

  /** Reads every requested partition once; `error` when any partition has a non-zero error. */
  private readFetch(req: FetchRequest): {
    topics: { name: string; partitions: FetchPartitionResponse[] }[];
    bytes: number;
    error: boolean;
  } {
    let remaining = req.maxBytes > 0 ? req.maxBytes : 0x7fffffff;
    let bytes = 0;
    let error = false;
    const topics = req.topics.map((t) => {
      const topic = this.topics.get(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p): FetchPartitionResponse => {
          const log = topic?.partitions[p.index];
          if (!log) {
            error = true;
            return { index: p.index, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, highWatermark: -1, logStartOffset: -1, records: null };
          }
          const limit = Math.min(p.partitionMaxBytes, remaining);
          const res = limit > 0 || bytes === 0 ? log.read(p.fetchOffset, Math.max(limit, 0), bytes === 0) : { errorCode: 0 as const, records: null };
          if (res.errorCode !== 0) error = true;
          const n = res.records?.length ?? 0;
          bytes += n;
          remaining -= n;
          return {
            index: p.index,
            errorCode: res.errorCode,
            highWatermark: log.highWatermark,
            logStartOffset: log.logStartOffset,
            records: res.records,
          };
        }),
      };
    });
    return { topics, bytes, error };
  }

  private listOffsets(r: WireReader, v: number): WireWriter {
    const req = decodeListOffsetsRequest(r, v);
    const topics = req.topics.map((t) => {
      const topic = this.topics.get(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p): ListOffsetsPartitionResponse => {
          const log = topic?.partitions[p.index];
          if (!log) return { index: p.index, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, timestamp: -1, offset: -1 };
          let offset: number;
          if (p.timestamp === -1) offset = log.highWatermark;
          else if (p.timestamp === -2) offset = log.logStartOffset;
          else offset = log.offsetForTimestamp(p.timestamp);
          return { index: p.index, errorCode: 0, timestamp: -1, offset };
        }),
      };
    });
    return encodeListOffsetsResponse(v, topics);
  }

  private joinGroup(conn: BrokerConnection, r: WireReader, v: number): Promise<WireWriter> {
    const req = decodeJoinGroupRequest(r, v);
    return this.coordinator
      .joinGroup({ ...req, clientId: conn.clientId, clientHost: `/${conn.remoteHost}`, connectionId: conn.id })
      .then((res) => encodeJoinGroupResponse(v, res));
  }

  private offsetCommit(r: WireReader, v: number): HandlerResult {
    const req = decodeOffsetCommitRequest(r, v);
    const groupError = this.coordinator.validateCommit(req.groupId, req.generationId, req.memberId);
    const entries: { topic: string; partition: number; offset: number; metadata: string | null }[] = [];
    const topics = req.topics.map((t) => {
      const topic = this.topics.get(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((p) => {
          let errorCode: number = groupError;
          if (errorCode === 0 && !topic?.partitions[p.index]) errorCode = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
          if (errorCode === 0 && p.metadata && p.metadata.length > 4096) errorCode = ErrorCode.OFFSET_METADATA_TOO_LARGE;
          if (errorCode === 0) entries.push({ topic: t.name, partition: p.index, offset: p.offset, metadata: p.metadata });
          return { index: p.index, errorCode };
        }),
      };
    });
    this.offsets.commit(req.groupId, entries);
    const response = encodeOffsetCommitResponse(v, topics);
    if (entries.length > 0 && this.config.flushMode === 'every-batch') {
      return this.offsets.flush().then(() => response);
    }
    return response;
  }

  private offsetFetch(r: WireReader, v: number): WireWriter {
    const req = decodeOffsetFetchRequest(r, v);
    let requested = req.topics;
    if (requested === null) {
      requested = [...this.offsets.all(req.groupId)].map(([name, parts]) => ({ name, partitions: [...parts.keys()] }));
    }
    const topics = requested.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((index) => {
        const c = this.offsets.get(req.groupId, t.name, index);
        return { index, offset: c ? c.offset : -1, metadata: c ? c.metadata : '', errorCode: 0 };
      }),
    }));
    return encodeOffsetFetchResponse(v, 0, topics);
  }

  private deleteTopics(r: WireReader, v: number): WireWriter {
    const req = decodeDeleteTopicsRequest(r);
    const results = req.names.map((name) => {
      const topic = this.topics.get(name);
      if (!topic) return { name, errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION };
      const count = topic.partitions.length;
      this.topics.delete(name);
      this.offsets.deleteTopic(name);
      for (let p = 0; p < count; p++) this.waiters.notify(name, p);
      return { name, errorCode: 0 };
    });
    return encodeDeleteTopicsResponse(v, results);
  }
}
