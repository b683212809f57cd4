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
  const method = (init.method ?? 'GET').toUpperCase();
  return isConnect()
    ? connectFetch<T>(path, method, init.body)
    : forgeFetch<T>(path, method, init.body);
}

/** Asks the Connect host to fit the iframe to its content; a no-op on Forge (it resizes by itself). */
export function requestResize(): void {
  if (isConnect()) {
    window.AP?.resize?.();
  }
}

// ---------------------------------------------------------------------------------------------
// Connect

async function connectFetch<T>(path: string, method: string, body: unknown): Promise<T> {
  const ap = window.AP!;
  let response: Response;
  try {
    const token = await ap.context.getToken();
    response = await fetch(path, {
      method,
      headers: {
        Authorization: `JWT ${token}`,
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw unreachable(cause);
  }

  const contentType = response.headers.get('Content-Type') ?? '';
  const text = await response.text().catch(() => '');
  const parsed = parseJson(text);

  if (!response.ok) {
    throw toApiError(response.status, contentType, parsed ?? text);
  }
  return (parsed ?? (text === '' ? undefined : text)) as T;
}

// ---------------------------------------------------------------------------------------------
// Forge

interface RemoteResponse {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
  message?: string;
}

async function forgeFetch<T>(path: string, method: string, body: unknown): Promise<T> {
  let response: RemoteResponse | undefined;
  try {
    // Loaded lazily so Connect pages never download the Forge bridge.
    const { invokeRemote } = await import('@forge/bridge');
    response = (await invokeRemote({
      path,
      method: method as HttpMethod,
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
  return payload as T;
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
    const raw = body as ProblemDetail;
    const problem: ProblemDetail = {
      ...raw,
      title: typeof raw.title === 'string' ? raw.title : undefined,
      detail: typeof raw.detail === 'string' ? raw.detail : undefined,
      type: typeof raw.type === 'string' ? raw.type : undefined,
    };
    return new ApiError(status, problem);
  }
  return new ApiError(status);
}

function unreachable(cause: unknown): ApiError {
  const error = new ApiError(0, {
    title: 'Could not reach AI Assistant',
    detail: 'Check your connection and try again. If this keeps happening, ask a Jira admin to check the app.',
  });
  (error as { cause?: unknown }).cause = cause;
  return error;
}
