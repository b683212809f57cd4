/**
 * The admin API's Model and Features sections (docs/admin.md): shapes and calls of
 * `/api/admin/model`, `/api/admin/features` and `/api/admin/chat-settings`. The API key is
 * write-only: answers carry its last four characters, never the key.
 */
import { ApiError, apiFetch } from '../../bridge';
import { knownNextStep } from '../chat/problems';

export interface ModelSettings {
  baseUrl: string;
  model: string;
  /** The site's temperature over each prompt's; null: each prompt's own. */
  temperature: number | null;
  usingOperatorDefault: boolean;
  operatorDefaultAvailable: boolean;
  keyConfigured: boolean;
  key: { lastFour: string; setAt?: string | null } | null;
}

/** A change: a field left out stays as it is. */
export interface ModelChange {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  temperature?: number;
}

export interface ConnectionCheck {
  ok: boolean;
  latencyMs: number;
  model: string;
  error: string | null;
}

export type FeatureName = 'assess' | 'draft' | 'chat' | 'standup';
export type Features = Record<FeatureName, boolean>;

export interface ChatSettings {
  readOnly: boolean;
  /** null: every tool. */
  allowedTools: string[] | null;
  tools: { name: string; writes: boolean }[];
}

export const MODEL = '/api/admin/model';
export const FEATURES = '/api/admin/features';
export const CHAT_SETTINGS = '/api/admin/chat-settings';

export const NOT_ADMIN = 'Only Jira administrators can change these settings.';

export const getModel = () => apiFetch<ModelSettings>(MODEL);
export const saveModel = (change: ModelChange) => apiFetch<ModelSettings>(MODEL, { method: 'PUT', body: change });
export const resetToOperatorDefault = () => apiFetch<ModelSettings>(MODEL, { method: 'DELETE' });
export const testConnection = () => apiFetch<ConnectionCheck>(`${MODEL}/test`, { method: 'POST' });
export const getFeatures = () => apiFetch<Features>(FEATURES);
export const saveFeatures = (features: Features) => apiFetch<Features>(FEATURES, { method: 'PUT', body: features });
export const getChatSettings = () => apiFetch<ChatSettings>(CHAT_SETTINGS);
export const saveChatSettings = (settings: Pick<ChatSettings, 'readOnly' | 'allowedTools'>) =>
  apiFetch<ChatSettings>(CHAT_SETTINGS, { method: 'PUT', body: settings });

/** An admin call's failure in plain words: who may do it, what the server said, what to do next. */
export function adminProblemText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return NOT_ADMIN;
    if (error.status === 0) return 'The app could not be reached: check your connection and try again.';
    const next = knownNextStep(error);
    return [error.detail ?? error.message, next].filter(Boolean).join(' ');
  }
  return error instanceof Error ? error.message : 'Something went wrong; try again.';
}
