import Button from '@atlaskit/button/new';
import Link from '@atlaskit/link';
import Lozenge from '@atlaskit/lozenge';
import { useCallback, useEffect, useState } from 'react';

import type { ApiError } from '../../../bridge';
import { asApiError } from '../../../useAppContext';
import { AdminProblem } from '../common/AdminProblem';
import { AdminSection } from '../common/AdminSection';
import { ExportCsv } from '../common/ExportCsv';
import { exportAudit, loadAudit, PAGE_SIZE, type AuditFilter, type AuditPage } from './api';

type State = { status: 'loading' } | { status: 'ready'; page: AuditPage } | { status: 'error'; error: ApiError };

type Appearance = 'success' | 'removed' | 'moved' | 'inprogress' | 'default';

const OUTCOMES: Record<string, { text: string; appearance: Appearance }> = {
  done: { text: 'Done', appearance: 'success' },
  partial: { text: 'Partly done', appearance: 'moved' },
  failed: { text: 'Failed', appearance: 'removed' },
  uncertain: { text: 'Uncertain', appearance: 'inprogress' },
  rejected: { text: 'Rejected', appearance: 'default' },
};

function outcome(value: string) {
  return OUTCOMES[value] ?? { text: value, appearance: 'default' as const };
}

const FIELDS: { name: keyof AuditFilter; label: string; type: string; placeholder?: string }[] = [
  { name: 'from', label: 'From', type: 'date' },
  { name: 'to', label: 'To', type: 'date' },
  { name: 'user', label: 'User (account id)', type: 'text' },
  { name: 'feature', label: 'Feature', type: 'text', placeholder: 'chat, assess…' },
  { name: 'project', label: 'Project key', type: 'text', placeholder: 'PAY' },
];

/**
 * The admin page's Audit section (docs/admin.md, "Audit"): every proposal carried out (done,
 * partly, failed, uncertain) and every API-token action, newest first, with who confirmed it,
 * the feature that proposed it and links to the issues written; filters, pages, CSV export.
 */
export function AuditSection() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [draft, setDraft] = useState<AuditFilter>({});
  const [pageNumber, setPageNumber] = useState(0);
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async (chosen: AuditFilter, page: number) => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', page: await loadAudit(chosen, page) });
    } catch (error) {
      setState({ status: 'error', error: asApiError(error) });
    }
  }, []);

  useEffect(() => {
    void load(filter, pageNumber);
  }, [load, filter, pageNumber]);

  const pages = state.status === 'ready' ? Math.max(1, Math.ceil(state.page.total / PAGE_SIZE)) : 1;

  return (
    <AdminSection id="admin-audit-heading" title="Audit" testId="audit-section">
        <form
          className="admin-filters"
          onSubmit={(event) => {
            event.preventDefault();
            const chosen: AuditFilter = {};
            for (const field of FIELDS) {
              const value = draft[field.name]?.trim();
              if (value) chosen[field.name] = field.name === 'project' ? value.toUpperCase() : value;
            }
            setPageNumber(0);
            setFilter(chosen);
          }}
        >
          {FIELDS.map((field) => (
            <label key={field.name}>
              {field.label}
              <input
                type={field.type}
                value={draft[field.name] ?? ''}
                placeholder={field.placeholder}
                onChange={(e) => setDraft({ ...draft, [field.name]: e.target.value })}
                data-testid={`audit-${field.name}`}
              />
            </label>
          ))}
          <Button type="submit" testId="audit-apply">
            Filter
          </Button>
          <ExportCsv download={() => exportAudit(filter)} testId="audit-export" />
        </form>
        {state.status === 'loading' && <p aria-busy="true">Loading the audit log…</p>}
        {state.status === 'error' && (
          <AdminProblem error={state.error} fallbackTitle="The audit log could not be loaded">
            <Button onClick={() => void load(filter, pageNumber)}>Try again</Button>
          </AdminProblem>
        )}
        {state.status === 'ready' &&
          (state.page.entries.length === 0 ? (
            <p data-testid="audit-empty">No audit entries match.</p>
          ) : (
            <table className="data-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Proposed by</th>
                  <th scope="col">Confirmed by</th>
                  <th scope="col">Written to</th>
                </tr>
              </thead>
              <tbody>
                {state.page.entries.map((entry) => (
                  <tr key={entry.id} data-testid="audit-row">
                    <td>
                      <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                    </td>
                    <td>
                      {entry.summary}
                      <br />
                      <code>{entry.kind}</code>
                      {entry.error && <p>{entry.error}</p>}
                    </td>
                    <td>
                      <Lozenge appearance={outcome(entry.outcome).appearance}>{outcome(entry.outcome).text}</Lozenge>
                    </td>
                    <td>{entry.proposedBy === 'ai' ? `AI, in ${entry.feature}` : `The user (${entry.feature})`}</td>
                    <td title={entry.confirmedBy?.accountId}>{entry.confirmedBy?.displayName ?? 'A closed account'}</td>
                    <td>
                      {entry.links.length > 0
                        ? entry.links.map((link, index) => (
                            <span key={link.key}>
                              {index > 0 && ', '}
                              <Link href={link.url} target="_blank">
                                {link.key}
                              </Link>
                            </span>
                          ))
                        : entry.target ?? '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        {state.status === 'ready' && state.page.total > PAGE_SIZE && (
          <nav aria-label="Audit pages" className="admin-filters">
            <Button isDisabled={pageNumber === 0} onClick={() => setPageNumber(pageNumber - 1)} testId="audit-previous">
              Previous
            </Button>
            <span data-testid="audit-page">
              Page {pageNumber + 1} of {pages} ({state.page.total.toLocaleString()} entries)
            </span>
            <Button isDisabled={pageNumber + 1 >= pages} onClick={() => setPageNumber(pageNumber + 1)} testId="audit-next">
              Next
            </Button>
          </nav>
        )}
    </AdminSection>
  );
}
