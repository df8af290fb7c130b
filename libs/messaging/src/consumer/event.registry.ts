import type { EventDefinition } from '@cargo/contracts';
import { MessagingError, MessagingErrorCodes } from '../errors/messaging.error';

/**
 * The event definitions a consumer knows, by CloudEvents `type`. A record whose type is not here
 * is dead-lettered with `MESSAGING.UNKNOWN_EVENT_TYPE`.
 *
 * Invariant: one definition per type (registering a second, different one is a configuration error).
 */
export class EventRegistry {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: Iterable<EventDefinition> = []) {
    for (const def of definitions) this.register(def);
  }

  register(def: EventDefinition): this {
    const existing = this.byType.get(def.type);
    if (existing && existing !== def) {
      throw new MessagingError(MessagingErrorCodes.InvalidConfig, `EventRegistry: two definitions for type ${def.type}`);
    }
    this.byType.set(def.type, def);
    return this;
  }

  find(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  get types(): string[] {
    return [...this.byType.keys()];
  }
}
