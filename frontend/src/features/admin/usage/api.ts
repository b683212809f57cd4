/** The site's model usage (docs/admin.md, "Usage"): `GET /api/admin/usage` and its CSV. */
import { apiFetch } from '../../../bridge';
import { downloadCsv, query } from '../common/csvDownload';

export const USAGE = '/api/admin/usage';

export interface Tokens {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** USD; null when no call had a price. */
  estimatedCostUsd: number | null;
}

export interface UsageDay extends Tokens {
  day: string;
}

export interface UsageFeature extends Tokens {
  feature: string;
}

export interface UsageUser extends Tokens {
  accountId: string;
  displayName: string;
}

export interface BudgetToday {
  day: string;
  used: number;
  siteDailyTokens: number | null;
  userDailyTokens: number | null;
}

export interface Usage {
  from: string;
  to: string;
  total: Tokens;
  days: UsageDay[];
  features: UsageFeature[];
  topUsers: UsageUser[];
  budgetToday: BudgetToday;
}

export interface UsagePeriod {
  from?: string;
  to?: string;
}

export function loadUsage(period: UsagePeriod): Promise<Usage> {
  return apiFetch<Usage>(USAGE + query({ from: period.from, to: period.to }));
}

export function exportUsage(period: UsagePeriod): Promise<void> {
  return downloadCsv(`${USAGE}.csv` + query({ from: period.from, to: period.to }), `usage-${period.from ?? 'last-30-days'}-${period.to ?? ''}.csv`);
}
