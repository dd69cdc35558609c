import { browser } from 'wxt/browser';
import type { Envelope, MessageType, Reply, Request, Result } from './protocol';

function unwrap<T>(result: Result<T> | undefined, type: string): T {
  if (!result) throw new Error(`Gloss: no reply to ${type}`);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Send a message to the background and get its typed reply. */
export async function send<T extends MessageType>(type: T, data: Request<T>): Promise<Reply<T>> {
  const envelope: Envelope<T> = { gloss: type, data };
  return unwrap((await browser.runtime.sendMessage(envelope)) as Result<Reply<T>>, type);
}

/** Send a message to a tab's content script and get its typed reply. */
export async function sendToTab<T extends MessageType>(tabId: number, type: T, data: Request<T>): Promise<Reply<T>> {
  const envelope: Envelope<T> = { gloss: type, data };
  return unwrap((await browser.tabs.sendMessage(tabId, envelope)) as Result<Reply<T>>, type);
}

/** Who sent a message: a tab's content script or one of Gloss's own pages. */
export interface Sender {
  tab?: { id?: number; url?: string };
  url?: string;
}

export type Handlers<K extends MessageType> = {
  [T in K]: (data: Request<T>, sender: Sender) => Promise<Reply<T>> | Reply<T>;
};

/**
 * Route incoming envelopes to handlers. Returns a function that stops listening.
 * Messages without a handler here are left for other listeners.
 */
export function listen<K extends MessageType>(handlers: Handlers<K>): () => void {
  const listener = (message: unknown, sender: Sender) => {
    if (typeof message !== 'object' || message === null) return undefined;
    const type = (message as Envelope).gloss as K;
    const handler = handlers[type];
    if (!handler) return undefined;
    return (async (): Promise<Result<unknown>> => {
      try {
        return { ok: true, value: await handler((message as Envelope<K>).data as never, sender) };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    })();
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
