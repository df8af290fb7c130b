import type { ClientConfig } from 'pg';
import type { BackoffPolicy } from '../shared/backoff';
import type { MessagingLogger } from '../shared/messaging.logger';
import { PgChannelListener } from './pg-channel.listener';

/**
 * Keeps a dedicated PostgreSQL connection LISTENing on the outbox channel and calls `onWake` for
 * every notification and after every (re)connect (notifications sent while disconnected are lost:
 * the relay then looks at the table itself). It never throws to its owner; the relay's polling
 * covers any time it is not listening. See {@link PgChannelListener}.
 */
export class OutboxNotificationListener extends PgChannelListener {
  constructor(config: ClientConfig, channel: string, onWake: () => void, logger: MessagingLogger, backoff?: BackoffPolicy) {
    super(config, channel, { onNotification: () => onWake(), onListening: () => onWake() }, logger, backoff);
  }
}
