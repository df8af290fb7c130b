/** One server-sent event as received. */
export interface ReceivedEvent {
  type: string;
  data: Record<string, unknown>;
  at: number;
}

/**
 * Records the events of a server-sent-event stream (e.g. tracking's `/v1/board/stream`) until
 * `close()`. `opened` resolves once the server answered 200 (subscribed); `ended` when the stream
 * ends (e.g. its server was killed).
 */
export class SseRecorder {
  readonly events: ReceivedEvent[] = [];
  readonly opened: Promise<void>;
  readonly ended: Promise<void>;
  private readonly abort = new AbortController();

  constructor(url: string, headers: Record<string, string>) {
    let markOpened: () => void = () => undefined;
    let failOpen: (error: unknown) => void = () => undefined;
    this.opened = new Promise((done, fail) => {
      markOpened = done;
      failOpen = fail;
    });
    this.ended = (async () => {
      try {
        const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: this.abort.signal });
        if (response.status !== 200 || !response.body) throw new Error(`${url} answered ${response.status}`);
        markOpened();
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            this.take(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch (error) {
        failOpen(error);
      }
    })();
  }

  /** `shipment` events of an AWB. */
  shipment(awb: string): ReceivedEvent[] {
    return this.events.filter((e) => e.type === 'shipment' && e.data['awb'] === awb);
  }

  close(): void {
    this.abort.abort();
  }

  private take(block: string): void {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (type === 'ping' || data.length === 0) return;
    try {
      this.events.push({ type, data: JSON.parse(data.join('\n')) as Record<string, unknown>, at: Date.now() });
    } catch {
      /* not JSON: not an event these tests look at */
    }
  }
}
