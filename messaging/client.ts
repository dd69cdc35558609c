import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { type Context, type Envelope, type MessagesTo, type MessageType, type Payload, type Reply, type Request, type Result, type SenderKind, specOf } from './protocol';
import { describeIssues } from './schemas';

function unwrap<T>(result: Result<T> | undefined, type: string): T {
  if (!result) throw new Error(`Gloss: no reply to ${type}`);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Send a message to the background and get its typed reply. */
export async function send<T extends MessagesTo<'background'>>(type: T, data: Request<T>): Promise<Reply<T>> {
  const envelope: Envelope<T> = { gloss: type, data };
  return unwrap((await browser.runtime.sendMessage(envelope)) as Result<Reply<T>>, type);
}

/** Send a message to a tab's content script and get its typed reply. */
export async function sendToTab<T extends MessagesTo<'content'>>(tabId: number, type: T, data: Request<T>): Promise<Reply<T>> {
  const envelope: Envelope<T> = { gloss: type, data };
  return unwrap((await browser.tabs.sendMessage(tabId, envelope)) as Result<Reply<T>>, type);
}

/** The sender as the browser reports it (`runtime.MessageSender`). Nothing in it comes from the message. */
export interface RawSender {
  id?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
  url?: string;
}

/** A checked sender, as handlers see it. `tab` is set for content scripts (and Gloss pages open in a tab). */
export interface Sender {
  kind: SenderKind;
  tab?: { id?: number; url?: string };
  url?: string;
}

/** Paths of the background context: Chrome's service worker, Firefox's generated background page. */
const BACKGROUND_PATHS = new Set(['/background.js', '/_generated_background_page.html']);

/**
 * Who sent a message, from what the browser (not the sender) reports: Gloss's own
 * origin is an extension page or the background; anything else must be Gloss's
 * content script in the top frame of a tab showing a web page. Undefined for
 * anything else (another extension, a subframe, a sender without a tab).
 */
export function classifySender(sender: RawSender, ownOrigin = browser.runtime.getURL('/'), ownId = browser.runtime.id): Sender | undefined {
  if (sender.id !== undefined && sender.id !== ownId) return undefined;
  const url = sender.url;
  if (url?.startsWith(ownOrigin)) {
    const path = '/' + url.slice(ownOrigin.length).split(/[?#]/)[0];
    return { kind: BACKGROUND_PATHS.has(path) && !sender.tab ? 'background' : 'extension', url, ...(sender.tab ? { tab: sender.tab } : {}) };
  }
  if (sender.tab?.id === undefined || (sender.frameId ?? 0) !== 0) return undefined;
  if (url !== undefined && !/^https?:/i.test(url)) return undefined;
  return { kind: 'content', tab: sender.tab, ...(url !== undefined ? { url } : {}) };
}

export type Handlers<K extends MessageType> = {
  [T in K]: (data: Payload<T>, sender: Sender) => Promise<Reply<T>> | Reply<T>;
};

/**
 * The one check every message passes before a handler runs: a declared type
 * (own property of MESSAGES) that this listener handles, addressed to this
 * context, from a sender the declaration allows, with a payload its schema
 * accepts. Returns the handler's input, or the reason it was refused.
 */
export function admit(
  context: Context,
  handled: ReadonlyMap<string, unknown>,
  message: unknown,
  rawSender: RawSender,
  origin?: string,
  id?: string,
): { ignore: true } | { ok: true; type: MessageType; data: unknown; sender: Sender } | { ok: false; error: string } {
  if (typeof message !== 'object' || message === null || !Object.hasOwn(message, 'gloss')) return { ignore: true };
  const type = (message as { gloss: unknown }).gloss;
  const spec = specOf(type);
  // Messages another listener of this context handles are left to it.
  if (!spec || !handled.has(type as string)) return { ignore: true };
  if (spec.to !== context) return { ok: false, error: `Gloss: ${String(type)} is not handled here` };
  const sender = classifySender(rawSender, origin, id);
  if (!sender || !spec.from.includes(sender.kind)) return { ok: false, error: `Gloss: ${String(type)} is not accepted from ${sender?.kind ?? 'this sender'}` };
  const data = Object.hasOwn(message, 'data') ? (message as { data: unknown }).data : undefined;
  // Every payload is an object (valibot would take an array for an object whose fields are all optional).
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, error: `Gloss: ${String(type)}: the payload must be an object` };
  const parsed = v.safeParse(spec.req, data);
  if (!parsed.success) return { ok: false, error: `Gloss: ${String(type)}: ${describeIssues(parsed.issues)}` };
  return { ok: true, type: type as MessageType, data: parsed.output, sender };
}

/**
 * Route incoming messages addressed to `context` to `handlers`, after `admit`.
 * Returns a function that stops listening. Messages without a handler here are
 * left for other listeners.
 */
export function listen<K extends MessagesTo<C>, C extends Context>(context: C, handlers: Handlers<K>): () => void {
  // A Map, not the handlers object: a type like "constructor" finds nothing on a prototype.
  const table = new Map<string, (data: unknown, sender: Sender) => unknown>(Object.entries(handlers) as [string, (data: unknown, sender: Sender) => unknown][]);
  const listener = (message: unknown, rawSender: RawSender) => {
    const admitted = admit(context, table, message, rawSender);
    if ('ignore' in admitted) return undefined;
    if (!admitted.ok) return Promise.resolve<Result<never>>({ ok: false, error: admitted.error });
    const handler = table.get(admitted.type)!;
    return (async (): Promise<Result<unknown>> => {
      try {
        return { ok: true, value: await handler(admitted.data, admitted.sender) };
      } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    })();
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
