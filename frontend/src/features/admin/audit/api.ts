/** The site's audit log (docs/admin.md, "Audit"): `GET /api/admin/audit` and its CSV. */
import { apiFetch } from '../../../bridge';
import { downloadCsv, query } from '../common/csvDownload';

export const AUDIT = '/api/admin/audit';
export const PAGE_SIZE = 50;

export type Outcome = 'done' | 'partial' | 'failed' | 'uncertain' | 'rejected';

export interface AuditEntry {
  id: number;
  at: string;
  kind: string;
  summary: string;
  outcome: Outcome | string;
  error?: string | null;
  feature: string;
  /** `ai` for a proposal of the AI a user confirmed, `user` for what a user did themselves. */
  proposedBy: 'ai' | 'user';
  proposalId?: string | null;
  confirmedBy?: { accountId: string; displayName: string } | null;
  target?: string | null;
  links: { key: string; url: string }[];
}

export interface AuditPage {
  entries: AuditEntry[];
  page: number;
  size: number;
  total: number;
}

export interface AuditFilter {
  from?: string;
  to?: string;
  user?: string;
  feature?: string;
  project?: string;
}

export function loadAudit(filter: AuditFilter, page: number): Promise<AuditPage> {
  return apiFetch<AuditPage>(AUDIT + query({ ...filter, page, size: PAGE_SIZE }));
}

export function exportAudit(filter: AuditFilter): Promise<void> {
  return downloadCsv(`${AUDIT}.csv` + query({ ...filter }), 'audit.csv');
}
