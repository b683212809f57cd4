/**
 * Background tasks: long AI work (assess an issue, draft tickets) that the backend runs as a
 * durable task instead of inside one request (see README.md, "Long work: background tasks").
 *
 * - {@link startTask} sends the feature's POST with `Prefer: respond-async`: `202` names a task,
 *   `200` is the final result at once.
 * - {@link followTask} reports the task's progress, model text and end: on Connect from its event
 *   stream (`GET /api/tasks/{id}/events`, resumed with `Last-Event-ID`), on Forge (whose
 *   `invokeRemote` cannot stream and is capped at 25 s) by polling `GET /api/tasks/{id}`.
 * - {@link cancelTask} and {@link resumeTask} act on it.
 */
import {
  ApiError,
  ApiEventError,
  apiFetch,
  apiRequest,
  apiStream,
  isConnect,
  problemError,
  type ProblemDetail,
} from '../bridge';

export type TaskStatus = 'processing' | 'waiting_confirmation' | 'completed' | 'failed' | 'cancelled';

export interface TaskProgress {
  stage: string;
  message: string;
}

/** `GET /api/tasks/{taskId}`. */
export interface TaskView {
  taskId: string;
  kind: string;
  status: TaskStatus;
  progress: TaskProgress | null;
  /** The model's text so far, only while processing. */
  text?: string;
  /** The same JSON the feature's synchronous endpoint answers. */
  result?: unknown;
  problem?: ProblemDetail;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * What a POST with `Prefer: respond-async` answered: the result at once (`200`) or a task (`202`,
 * with the body of that answer in `accepted`: a feature may say more there, e.g. the chat's conversation).
 */
export type TaskStart<T = unknown> = { done: T } | { taskId: string; accepted?: unknown };

/**
 * How far a follower got: the last event id it saw (Connect), how much of the model text it has
 * reported and the last progress it reported. Passed back to {@link followTask} after a resume so
 * nothing is reported twice.
 */
export interface TaskCursor {
  lastEventId?: string;
  textLength: number;
  progressKey?: string;
}

/** How a followed task ended for now; a failed task rejects with an {@link ApiError} instead. */
export type TaskOutcome<T = unknown> =
  | { status: 'completed'; result: T }
  | {
      status: 'waiting_confirmation';
      taskId: string;
      message: string;
      cursor: TaskCursor;
      /** The `waiting` event's data (stream) or the poll's answer: what a feature's own pause carries (the chat's proposals). */
      detail?: unknown;
    }
  | { status: 'cancelled' };

export interface TaskHandlers {
  /** The server started a task (`202`); its id is what {@link cancelTask} needs. */
  onTask?: (taskId: string) => void;
  /** Each new progress, once. */
  onProgress?: (progress: TaskProgress) => void;
  /** The model text as it grows: only the part not reported before. */
  onText?: (delta: string) => void;
  /** The task waits for the user (resume it with {@link resumeTask}); the promise then resolves too. */
  onWaiting?: (message: string) => void;
  /** A stream event this module does not know (a feature's own, e.g. the chat's `tool`), in order. */
  onEvent?: (event: string, data: unknown) => void;
  /** Each poll's answer as the server sent it, for what a feature reads beyond a {@link TaskView} (the chat's activity). */
  onPoll?: (body: unknown) => void;
}

/**
 * Where a task is followed: the generic task endpoints ({@link TASK_ENDPOINTS}) unless a feature
 * answers for its own tasks (the chat: `GET /api/chat/stream/{id}` and `GET /api/chat/result/{id}`).
 */
export interface TaskEndpoints {
  /** Connect: the task's event stream (resumable with `Last-Event-ID`). */
  events: (taskId: string) => string;
  /** Forge, and Connect once the stream keeps dropping: one poll. */
  view: (taskId: string) => string;
  /** A poll's answer as a {@link TaskView} (default: it is one). */
  toView?: (body: unknown) => TaskView;
}

export type TaskDecision = 'continue' | 'cancel';

const TASKS = '/api/tasks';
/** Polling starts soon, then backs off to once a second; every poll is one short GET. */
const POLL_FIRST_MS = 250;
const POLL_MAX_MS = 1000;
/** Consecutive polls that may fail on the network or a 5xx before the follower gives up. */
const POLL_RETRIES = 3;
/** Waits before reconnecting a dropped event stream; after the last one the follower polls. */
const STREAM_RETRY_MS = [500, 1000, 2000];

const DEFAULT_WAITING_MESSAGE = 'The work is paused until you confirm it should go on.';

function taskPath(taskId: string, action = ''): string {
  return `${TASKS}/${encodeURIComponent(taskId)}${action}`;
}

export const TASK_ENDPOINTS: TaskEndpoints = {
  events: (taskId) => taskPath(taskId, '/events'),
  view: (taskId) => taskPath(taskId),
};

/**
 * Sends the POST that starts long work, asking for a task (`Prefer: respond-async`). Resolves to
 * `{done}` with the body of a `200` answer, or `{taskId}` for `202 Accepted` (the id from the
 * body, else from `Location: /api/tasks/{taskId}` or `/api/chat/result/{taskId}`) and the body as
 * `accepted`. A non-2xx answer rejects with an ApiError.
 */
export async function startTask<T = unknown>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<TaskStart<T>> {
  const answer = await apiRequest<unknown>(path, {
    method: init.method ?? 'POST',
    body: init.body,
    signal: init.signal,
    headers: { Accept: 'application/json', Prefer: 'respond-async' },
  });
  if (answer.status !== 202) return { done: answer.body as T };
  const fromBody = (answer.body as Partial<TaskView> | undefined)?.taskId;
  const fromLocation = answer.location?.match(/\/api\/(?:tasks|chat\/result)\/([^/?#]+)/)?.[1];
  const taskId = typeof fromBody === 'string' && fromBody !== '' ? fromBody : fromLocation && decodeURIComponent(fromLocation);
  if (!taskId) {
    throw new ApiError(0, { title: 'The work could not be followed', detail: 'The server started it without naming it. Try again.' });
  }
  return { taskId, accepted: answer.body };
}

export function getTask(taskId: string): Promise<TaskView> {
  return apiFetch<TaskView>(taskPath(taskId));
}

/** Cancels the task; answers its view (`cancelled`). A task that already finished rejects with a 409 ApiError. */
export function cancelTask(taskId: string): Promise<TaskView> {
  return apiFetch<TaskView>(taskPath(taskId, '/cancel'), { method: 'POST' });
}

/** Answers a task that waits for the user (`waiting_confirmation`): go on, or stop. */
export function resumeTask(taskId: string, decision: TaskDecision): Promise<TaskView> {
  return apiFetch<TaskView>(taskPath(taskId, '/resume'), { method: 'POST', body: { decision } });
}

/**
 * Reports the task's progress, text and end through `handlers` until it completes (resolves with
 * the result), waits for the user or is cancelled (resolves), or fails (rejects with an ApiError
 * carrying the task's problem). `from` continues where an earlier follower stopped (after a resume).
 *
 * Connect reads the event stream and reconnects a dropped one with `Last-Event-ID` (after 0.5, 1
 * and 2 s; an event received resets the count), then falls back to polling. Forge polls (after
 * 250 ms, backing off to 1 s). Aborting `signal` stops following and rejects with its reason; the
 * task itself goes on (call {@link cancelTask} to stop it). `endpoints` are where the task is read
 * (the generic task endpoints unless a feature has its own).
 */
export async function followTask(
  taskId: string,
  handlers: TaskHandlers = {},
  signal?: AbortSignal,
  from?: TaskCursor,
  endpoints: TaskEndpoints = TASK_ENDPOINTS,
): Promise<TaskOutcome> {
  const follower = createFollower(taskId, handlers, { textLength: 0, ...from }, endpoints);
  if (isConnect()) {
    const outcome = await follower.stream(signal);
    if (outcome) return outcome;
  }
  return follower.poll(signal);
}

/** {@link startTask}, then {@link followTask} when the server started a task. */
export async function runTask(
  path: string,
  init: { method?: string; body?: unknown },
  handlers: TaskHandlers = {},
  signal?: AbortSignal,
): Promise<TaskOutcome> {
  const started = await startTask(path, { ...init, signal });
  throwIfAborted(signal);
  if ('done' in started) return { status: 'completed', result: started.done };
  handlers.onTask?.(started.taskId);
  return followTask(started.taskId, handlers, signal);
}

/** Resumes a waiting task with `continue` and follows it on from `cursor`. */
export async function continueTask(
  taskId: string,
  cursor: TaskCursor | undefined,
  handlers: TaskHandlers = {},
  signal?: AbortSignal,
): Promise<TaskOutcome> {
  await resumeTask(taskId, 'continue');
  throwIfAborted(signal);
  return followTask(taskId, handlers, signal, cursor);
}

/** The outcome with its result checked and converted (`convert` throws for a result it cannot use). */
export function mapOutcome<T>(outcome: TaskOutcome, convert: (result: unknown) => T): TaskOutcome<T> {
  return outcome.status === 'completed' ? { status: 'completed', result: convert(outcome.result) } : outcome;
}

// ---------------------------------------------------------------------------------------------

/** Follows one task, keeping in `cursor` what it has reported. */
function createFollower(taskId: string, handlers: TaskHandlers, cursor: TaskCursor, endpoints: TaskEndpoints) {
  const seenIds = new Set<string>();
  const toView = endpoints.toView ?? ((body: unknown) => body as TaskView);

  const progress = ({ stage, message }: { stage?: unknown; message?: unknown }) => {
    if (typeof message !== 'string') return;
    const next = { stage: typeof stage === 'string' ? stage : '', message };
    const key = `${next.stage}\n${message}`;
    if (key === cursor.progressKey) return;
    cursor.progressKey = key;
    handlers.onProgress?.(next);
  };

  const text = (delta: string) => {
    if (delta === '') return;
    cursor.textLength += delta.length;
    handlers.onText?.(delta);
  };

  const waiting = (message: unknown, detail: unknown): TaskOutcome => {
    const said = typeof message === 'string' && message.trim() !== '' ? message : DEFAULT_WAITING_MESSAGE;
    handlers.onWaiting?.(said);
    return { status: 'waiting_confirmation', taskId, message: said, cursor: { ...cursor }, detail };
  };

  /** One event of the stream; the outcome when it ends the task (for now). */
  const onEvent = (event: string, data: unknown): TaskOutcome | undefined => {
    const fields = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    switch (event) {
      case 'progress':
        progress(fields);
        return undefined;
      case 'text':
        if (typeof fields.delta === 'string') text(fields.delta);
        return undefined;
      case 'result':
        return { status: 'completed', result: data };
      case 'waiting':
        return waiting(fields.message, data);
      case 'cancelled':
        return { status: 'cancelled' };
      default:
        handlers.onEvent?.(event, data);
        return undefined;
    }
  };

  /** One poll's answer; the outcome when the task ended (for now). A failed task throws its problem. */
  const onView = (body: unknown): TaskOutcome | undefined => {
    handlers.onPoll?.(body);
    const view: TaskView | undefined = body == null ? undefined : toView(body);
    switch (view?.status) {
      case 'completed':
        return { status: 'completed', result: view.result };
      case 'failed':
        throw problemError(view.problem ?? { title: 'The work failed', detail: 'Try again.' });
      case 'cancelled':
        return { status: 'cancelled' };
      case 'waiting_confirmation':
        return waiting(view.progress?.message, body);
      default:
        if (view?.progress) progress(view.progress);
        // The whole text so far: report only what is new.
        if (typeof view?.text === 'string' && view.text.length > cursor.textLength) {
          text(view.text.slice(cursor.textLength));
        }
        return undefined;
    }
  };

  return {
    /** Follows the event stream; undefined when it kept dropping (or answered JSON): poll instead. */
    async stream(signal?: AbortSignal): Promise<TaskOutcome | undefined> {
      for (let failures = 0; ; ) {
        let outcome: TaskOutcome | undefined;
        let received = false;
        let answeredJson = false;
        // Stops reading once the task's end is known, even if the server keeps the stream open.
        const reading = new AbortController();
        const stopReading = () => reading.abort(signal?.reason);
        signal?.addEventListener('abort', stopReading, { once: true });
        try {
          await apiStream(endpoints.events(taskId), {
            method: 'GET',
            signal: reading.signal,
            jsonEvent: 'task',
            headers: cursor.lastEventId ? { 'Last-Event-ID': cursor.lastEventId } : undefined,
            onEvent: (event, data, id) => {
              if (outcome) return;
              if (event === 'task') {
                answeredJson = true;
                outcome = onView(data);
                return;
              }
              if (id) {
                // The server replays only what follows Last-Event-ID; never report an event twice anyway.
                if (seenIds.has(id)) return;
                seenIds.add(id);
                cursor.lastEventId = id;
              }
              received = true;
              outcome = onEvent(event, data);
              if (outcome) reading.abort();
            },
          });
        } catch (error) {
          throwIfAborted(signal);
          if (!outcome && !isConnectionFailure(error)) throw error;
        } finally {
          signal?.removeEventListener('abort', stopReading);
        }
        if (outcome || answeredJson) return outcome;
        if (received) failures = 0;
        if (failures >= STREAM_RETRY_MS.length) return undefined;
        await sleep(STREAM_RETRY_MS[failures++], signal);
      }
    },

    async poll(signal?: AbortSignal): Promise<TaskOutcome> {
      let delay = POLL_FIRST_MS;
      for (let failures = 0; ; ) {
        await sleep(delay, signal);
        delay = Math.min(POLL_MAX_MS, delay * 2);
        let view: unknown;
        try {
          view = await apiFetch<unknown>(endpoints.view(taskId));
          failures = 0;
        } catch (error) {
          throwIfAborted(signal);
          if (!isConnectionFailure(error) || ++failures > POLL_RETRIES) throw error;
          continue;
        }
        throwIfAborted(signal);
        const outcome = onView(view);
        if (outcome) return outcome;
      }
    },
  };
}

/** The network failed or a gateway answered 5xx: worth another try. A failure the task reported is not. */
function isConnectionFailure(error: unknown): boolean {
  return error instanceof ApiError && !(error instanceof ApiEventError) && (error.status === 0 || error.status >= 500);
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('Aborted', 'AbortError');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
