/**
 * Personal API tokens (docs/api.md, "API tokens"): the shapes and calls of `/api/tokens`. A
 * token's secret is in the answer to its creation only; lists never carry it.
 */
import { apiFetch } from '../../bridge';

export const TOKENS = '/api/tokens';
/** The longest token name the server takes. */
export const NAME_MAX = 100;
/** The longest validity the server takes, in days. */
export const EXPIRY_MAX_DAYS = 365;

export type Scope = 'chat' | 'assess';

export interface ApiToken {
  id: string;
  name: string;
  /** The token's first characters (`jaa_…`), to recognise it. */
  prefix: string;
  scopes: Scope[];
  status: 'active' | 'expired' | 'revoked';
  createdAt: string;
  expiresAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
}

/** `GET /api/tokens`. */
export interface TokenList {
  /** Whether the site's admins allow tokens. */
  enabled: boolean;
  tokens: ApiToken[];
}

/** `POST /api/tokens` answer: the token and, this once, its secret. */
export interface CreatedToken {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  token: string;
}

export interface NewToken {
  name: string;
  expiresInDays: number;
  scopes: Scope[];
}

export async function listTokens(): Promise<TokenList> {
  const answer = await apiFetch<Partial<TokenList>>(TOKENS);
  return { enabled: answer?.enabled !== false, tokens: Array.isArray(answer?.tokens) ? answer.tokens : [] };
}

export function createToken(token: NewToken): Promise<CreatedToken> {
  return apiFetch<CreatedToken>(TOKENS, { method: 'POST', body: token });
}

export async function revokeToken(id: string): Promise<void> {
  await apiFetch<void>(`${TOKENS}/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** What is wrong with a new token's fields, or undefined when the server will take it. */
export function invalidReason(token: NewToken): string | undefined {
  const name = token.name.trim();
  if (name.length === 0 || name.length > NAME_MAX) return `A name has 1 to ${NAME_MAX} characters.`;
  if (!Number.isInteger(token.expiresInDays) || token.expiresInDays < 1 || token.expiresInDays > EXPIRY_MAX_DAYS) {
    return `A token is valid for 1 to ${EXPIRY_MAX_DAYS} days.`;
  }
  if (token.scopes.length === 0) return 'Choose at least one scope.';
  return undefined;
}
