/**
 * The only module that talks to the backend.
 *
 * - Inside a Connect iframe (`window.AP` exists, all.js loaded) requests go straight to the
 *   backend with `fetch`, authenticated by the Connect context JWT.
 * - Otherwise the page runs as Forge Custom UI and requests go through `invokeRemote`
 *   from `@forge/bridge` (the manifest wires it to the same backend).
 *
 * Non-2xx answers become an {@link ApiError} carrying the RFC 9457 ProblemDetail fields.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequestInit {
  method?: HttpMethod | string;
  body?: unknown;
  /** Extra request headers (e.g. `Accept`); merged over the defaults. */
  headers?: Record<string, string>;
  /** Aborts the request on Connect; `invokeRemote` (Forge) cannot be aborted. */
  signal?: AbortSignal;
}

/** A 2xx answer with its status, for callers that tell e.g. `200` from `202 Accepted` apart. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
  /** The `Location` header, when the answer has one (Forge may not pass it on). */
  location?: string;
}

/** RFC 9457 problem details, as the backend sends them with `application/problem+json`. */
export interface ProblemDetail {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  /** HTTP status; 0 when the backend could not be reached at all. */
  readonly status: number;
  readonly title?: string;
  readonly detail?: string;
  readonly type?: string;
  /** The full problem body when the answer was a problem, for surfaces that need extension fields. */
  readonly problem?: ProblemDetail;

  constructor(status: number, problem?: ProblemDetail, fallbackMessage?: string) {
    super(
      problem?.detail ?? problem?.title ?? fallbackMessage ?? `The request failed with status ${status}.`,
    );
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.title = problem?.title;
    this.detail = problem?.detail;
    this.type = problem?.type;
  }
}

/** True inside a Connect iframe (all.js loaded); false means Forge Custom UI. */
export function isConnect(): boolean {
  return typeof window !== 'undefined' && window.AP != null;
}

export async function apiFetch<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
  return (await apiRequest<T>(path, init)).body;
}

/** Like {@link apiFetch}, but also says which 2xx status (and `Location`) the answer had. */
export async function apiRequest<T>(path: string, init: ApiRequestInit = {}): Promise<ApiAnswer<T>> {
  const method = (init.method ?? 'GET').toUpperCase();
  return isConnect()
    ? connectFetch<T>(path, method, init.body, init.headers, init.signal)
    : forgeFetch<T>(path, method, init.body, init.headers);
}

/** Asks the Connect host to fit the iframe to its content; a no-op on Forge (it resizes by itself). */
export function requestResize(): void {
  if (isConnect()) {
    window.AP?.resize?.();
  }
}

/**
 * Closes the dialog the page is shown in: `AP.dialog.close()` on Connect, `view.close()` on Forge
 * (a `jira:issueAction` modal). Resolves to false when the host offers no way to close it.
 */
export async function closeDialog(): Promise<boolean> {
  if (isConnect()) {
    const dialog = window.AP?.dialog;
    if (!dialog) return false;
    dialog.close();
    return true;
  }
  try {
    const { view } = await loadForgeBridge();
    await view.close();
    return true;
  } catch {
    return false;
  }
}

/** True when {@link closeDialog} can close the page: a Connect dialog, or any Forge modal. */
export function canCloseDialog(): boolean {
  return isConnect() ? window.AP?.dialog != null : true;
}

export interface ApiStreamInit {
  method?: HttpMethod | string;
  body?: unknown;
  /** Extra request headers (e.g. `Last-Event-ID`); merged over the defaults. */
  headers?: Record<string, string>;
  /**
   * Called for every Server-Sent Event, in order, with the event name (`message` when the frame
   * has none), its data parsed as JSON (the raw text when it is not JSON) and, for a frame of a
   * stream, the stream's last event id (`''` until an `id:` line was seen).
   */
  onEvent: (event: string, data: unknown, id?: string) => void;
  /**
   * The event name under which a plain JSON answer is reported: always on Forge (invokeRemote
   * cannot stream), and on Connect when the server answers `application/json` instead of a stream.
   * Default `assessment`.
   */
  jsonEvent?: string;
  /** Aborting stops reading; the promise then rejects with the abort reason. */
  signal?: AbortSignal;
}

/**
 * Calls an endpoint that answers with Server-Sent Events.
 *
 * - **Connect**: `fetch` with `Accept: text/event-stream` and the context JWT (EventSource cannot
 *   send an Authorization header), reading the body incrementally and calling `onEvent` per frame.
 * - **Forge**: `invokeRemote` cannot stream, so this calls {@link apiFetch} with
 *   `Accept: application/json` and reports the answer as one `jsonEvent` (`assessment`) event.
 *
 * A non-2xx answer throws an {@link ApiError} as `apiFetch` does. An `error` event (an RFC 9457
 * problem) ends the stream: it is not passed to `onEvent`, the promise rejects with an ApiError.
 * The promise resolves when the stream ends.
 */
export async function apiStream(path: string, init: ApiStreamInit): Promise<void> {
  const method = (init.method ?? 'GET').toUpperCase();
  const jsonEvent = init.jsonEvent ?? 'assessment';

  if (!isConnect()) {
    const data = await apiFetch<unknown>(path, {
      method,
      body: init.body,
      headers: { ...init.headers, Accept: 'application/json' },
    });
    init.onEvent(jsonEvent, data);
    return;
  }

  const response = await connectRequest(path, method, init.body, { ...init.headers, Accept: 'text/event-stream' }, init.signal);
  const contentType = (response.headers.get('Content-Type') ?? '').toLowerCase();
  if (!response.ok || contentType.includes('json')) {
    // An error, or a server that chose to answer with plain JSON.
    const data = await readJsonResponse<unknown>(response);
    init.onEvent(jsonEvent, data);
    return;
  }
  await readEventStream(response, init.onEvent, init.signal);
}

/** Incremental parser of a `text/event-stream` body; see {@link createSseParser}. */
export interface SseParser {
  /** Feeds the next piece of decoded text; it may end anywhere (mid-line, mid-frame, between CR and LF). */
  push(chunk: string): void;
  /** The stream ended: a last frame without its terminating blank line is still dispatched. */
  end(): void;
}

/**
 * Parses Server-Sent Events as the HTML standard describes: lines end with LF, CRLF or CR;
 * `event:` sets the frame's name, `data:` lines are joined with LF, one space after the colon is
 * dropped, lines starting with `:` are comments, `id:` sets the last event id (kept for the frames
 * after it, passed as `onFrame`'s third argument; an id containing NUL is ignored), `retry:` is
 * ignored, and a blank line dispatches the frame (frames without data are dropped).
 */
export function createSseParser(onFrame: (event: string, data: string, id: string) => void): SseParser {
  let buffer = '';
  let eventName = '';
  let dataLines: string[] = [];
  let lastEventId = '';
  let atStart = true;
  let afterCr = false;

  const dispatch = () => {
    const name = eventName || 'message';
    const lines = dataLines;
    eventName = '';
    dataLines = [];
    if (lines.length > 0) onFrame(name, lines.join('\n'), lastEventId);
  };

  const processLine = (line: string) => {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') dataLines.push(value);
    else if (field === 'id' && !value.includes('\0')) lastEventId = value;
  };

  return {
    push(chunk: string) {
      if (atStart) {
        if (chunk === '') return;
        if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
        atStart = false;
      }
      // A CR that ended the previous chunk already ended its line; skip the LF of a split CRLF.
      if (afterCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
      afterCr = false;

      // The kept buffer holds no line break, so only the new text needs scanning.
      const scanFrom = buffer.length;
      buffer += chunk;
      let lineStart = 0;
      for (let i = scanFrom; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        const line = buffer.slice(lineStart, i);
        if (c === 13) {
          if (i + 1 === buffer.length) afterCr = true;
          else if (buffer.charCodeAt(i + 1) === 10) i++;
        }
        lineStart = i + 1;
        processLine(line);
      }
      buffer = buffer.slice(lineStart);
    },
    end() {
      if (buffer !== '') processLine(buffer);
      buffer = '';
      dispatch();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Connect

async function connectFetch<T>(
  path: string,
  method: string,
  body: unknown,
  headers?: Record<string, string>,
  signal?: AbortSignal,
): Promise<ApiAnswer<T>> {
  const response = await connectRequest(path, method, body, { Accept: 'application/json', ...headers }, signal);
  const answer = await readJsonResponse<T>(response);
  return { status: response.status, body: answer, location: response.headers.get('Location') ?? undefined };
}

/** Sends one request with the Connect context JWT; a network failure becomes an ApiError with status 0. */
async function connectRequest(
  path: string,
  method: string,
  body: unknown,
  headers: Record<string, string>,
  signal?: AbortSignal,
): Promise<Response> {
  const ap = window.AP!;
  try {
    const token = await ap.context.getToken();
    return await fetch(path, {
      method,
      headers: {
        Authorization: `JWT ${token}`,
        'Content-Type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    throw abortedOrUnreachable(cause, signal);
  }
}

/** The parsed JSON (or text) body of a 2xx answer; a non-2xx answer throws an ApiError. */
async function readJsonResponse<T>(response: Response): Promise<T> {
  const contentType = response.headers.get('Content-Type') ?? '';
  const text = await response.text().catch(() => '');
  const parsed = parseJson(text);

  if (!response.ok) {
    throw toApiError(response.status, contentType, parsed ?? text);
  }
  return (parsed ?? (text === '' ? undefined : text)) as T;
}

// ---------------------------------------------------------------------------------------------
// Streaming (Connect)

async function readEventStream(
  response: Response,
  onEvent: (event: string, data: unknown, id: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const parser = createSseParser((event, text, id) => {
    const data = parseData(text);
    if (event === 'error') throw problemError(data);
    onEvent(event, data, id);
  });

  if (!response.body) {
    const text = await response.text().catch((cause: unknown) => {
      throw abortedOrUnreachable(cause, signal);
    });
    parser.push(text);
    parser.end();
    return;
  }

  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  // Stop at once on abort, also mid-frame (onEvent may abort) or when the fetch ignores the signal.
  const onAbort = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (cause) {
        throw abortedOrUnreachable(cause, signal);
      }
      if (signal?.aborted) throw abortReason(signal);
      if (result.done) break;
      parser.push(decoder.decode(result.value, { stream: true }));
    }
    parser.push(decoder.decode());
    parser.end();
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The failure an `event: error` frame reported inside a 2xx stream (so it is the work that failed,
 * not the connection: a caller that reconnects after a dropped stream must not retry it).
 */
export class ApiEventError extends ApiError {}

/**
 * An RFC 9457 problem as an {@link ApiEventError}, whose status is the problem's `status` (500 if
 * absent); anything else becomes a generic problem. For failures reported inside an answer: an
 * `event: error` frame, or a background task's `problem`.
 */
export function problemError(data: unknown): ApiEventError {
  const problem: ProblemDetail =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as ProblemDetail)
      : { title: 'The request failed', detail: typeof data === 'string' && data !== '' ? data : undefined };
  const status = typeof problem.status === 'number' ? problem.status : 500;
  return new ApiEventError(status, problemFields(problem));
}


// ---------------------------------------------------------------------------------------------
// Forge

let forgeBridge: Promise<typeof import('@forge/bridge')> | undefined;

/**
 * `@forge/bridge`, imported once (lazily, so Connect pages never download it). Concurrent callers
 * share one import; a failed import is tried again next time.
 */
export function loadForgeBridge(): Promise<typeof import('@forge/bridge')> {
  if (!forgeBridge) {
    forgeBridge = import('@forge/bridge');
    forgeBridge.catch(() => {
      forgeBridge = undefined;
    });
  }
  return forgeBridge;
}

interface RemoteResponse {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
  message?: string;
}

async function forgeFetch<T>(
  path: string,
  method: string,
  body: unknown,
  headers?: Record<string, string>,
): Promise<ApiAnswer<T>> {
  let response: RemoteResponse | undefined;
  try {
    // Loaded lazily so Connect pages never download the Forge bridge.
    const { invokeRemote } = await loadForgeBridge();
    response = (await invokeRemote({
      path,
      method: method as HttpMethod,
      ...(headers === undefined ? {} : { headers }),
      ...(body === undefined ? {} : { body }),
    })) as RemoteResponse | undefined;
  } catch (cause) {
    throw unreachable(cause);
  }

  const status = response?.status;
  if (typeof status !== 'number') {
    throw new ApiError(0, undefined, response?.message ?? 'The AI Assistant service did not answer.');
  }
  const payload = typeof response?.body === 'string' ? (parseJson(response.body) ?? response.body) : response?.body;
  if (status < 200 || status > 299) {
    throw toApiError(status, headerValue(response?.headers, 'content-type'), payload);
  }
  return { status, body: payload as T, location: headerValue(response?.headers, 'location') || undefined };
}

function headerValue(headers: RemoteResponse['headers'], name: string): string {
  if (!headers) return '';
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? value.join(',') : (value ?? '');
    }
  }
  return '';
}

// ---------------------------------------------------------------------------------------------
// Shared

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(status: number, contentType: string, body: unknown): ApiError {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  const declaredProblem = contentType.toLowerCase().includes('application/problem+json');
  // Accept an undeclared problem too (e.g. a proxy that drops the content type) when it has the fields.
  const looksLikeProblem =
    isObject && (typeof (body as ProblemDetail).title === 'string' || typeof (body as ProblemDetail).detail === 'string');
  if (isObject && (declaredProblem || looksLikeProblem)) {
    return new ApiError(status, problemFields(body as ProblemDetail));
  }
  return new ApiError(status);
}

/** The problem with its string fields checked (a proxy or a model may send anything). */
function problemFields(raw: ProblemDetail): ProblemDetail {
  return {
    ...raw,
    title: typeof raw.title === 'string' ? raw.title : undefined,
    detail: typeof raw.detail === 'string' ? raw.detail : undefined,
    type: typeof raw.type === 'string' ? raw.type : undefined,
  };
}

function unreachable(cause: unknown): ApiError {
  const error = new ApiError(0, {
    title: 'Could not reach AI Assistant',
    detail: 'Check your connection and try again. If this keeps happening, ask a Jira admin to check the app.',
  });
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** An abort stays an abort (callers ignore it); anything else means the backend could not be reached. */
function abortedOrUnreachable(cause: unknown, signal?: AbortSignal): unknown {
  if (signal?.aborted) return signal.reason ?? cause;
  return unreachable(cause);
}
