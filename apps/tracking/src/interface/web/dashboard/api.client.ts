/// <reference lib="dom" />
/**
 * The dashboard's access to the tracking API: the operator's bearer token (session storage), JSON
 * reads, CSV downloads, server-sent events over fetch, and the service's shared clock.
 */

/** The operator's access token (pasted once per browser tab; never stored beyond the session). */
export const TOKEN_KEY = 'cargo.accessToken';
export const accessToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
const authHeaders = (): Record<string, string> => {
  const token = accessToken();
  return token ? { authorization: `Bearer ${token}` } : {};
};

/** Whether an answer means "sign in with the ops role first". */
export const isDenied = (status: number): boolean => status === 401 || status === 403;

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers: { accept: 'application/json', ...authHeaders() } });
  return { status: res.status, body: (await res.json()) as T };
}

/** Fetches `url` as `text/csv` with the token and saves it as `filename`; false when the service refused. */
export async function downloadCsv(url: string, filename: string): Promise<boolean> {
  const res = await fetch(url, { headers: { accept: 'text/csv', ...authHeaders() } });
  if (!res.ok) return false;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return true;
}

export interface EventStream {
  close(): void;
}

/**
 * Server-sent events over fetch, so the request carries the bearer token (EventSource cannot send
 * headers). Reconnects after a dropped connection; `onOpen(false)` while it is down. A refusal
 * (401/403: the token lacks the role) ends it, with `onDenied`: asking again would not help.
 */
export function openEventStream(url: string, onEvent: (type: string, data: string) => void, onOpen: (open: boolean) => void = () => undefined, onDenied: () => void = () => undefined): EventStream {
  const controller = new AbortController();
  let closed = false;
  const run = async (): Promise<void> => {
    while (!closed) {
      try {
        const res = await fetch(url, { headers: { accept: 'text/event-stream', ...authHeaders() }, signal: controller.signal });
        if (isDenied(res.status)) {
          closed = true;
          onOpen(false);
          onDenied();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        onOpen(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const type = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, '')).join('\n');
            if (data !== '') onEvent(type, data);
          }
        }
      } catch {
        if (closed) return;
      }
      onOpen(false);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
  };
  void run();
  return {
    close: () => {
      closed = true;
      controller.abort();
    },
  };
}

/**
 * The service's shared clock as the browser sees it: `GET /v1/clock` gives "now" and the speed
 * (60× in a simulated day, 0 for a manual clock); between two reads, now runs on at that speed from
 * the browser's monotonic time. The browser's own date is never used as "now".
 */
export class SharedClock {
  private serverMs: number | null = null;
  private readAt = 0;
  private speed = 1;

  async sync(): Promise<void> {
    const res = await getJson<{ now: string; speed: number }>('/v1/clock');
    this.serverMs = Date.parse(res.body.now);
    this.speed = res.body.speed;
    this.readAt = performance.now();
  }

  /** Epoch ms on the service's clock; null until the first read. */
  nowMs(): number | null {
    return this.serverMs === null ? null : this.serverMs + (performance.now() - this.readAt) * this.speed;
  }
}
