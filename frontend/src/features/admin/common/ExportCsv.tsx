import Button from '@atlaskit/button/new';
import { useState } from 'react';

import type { ApiError } from '../../../bridge';
import { asApiError } from '../../../useAppContext';
import { AdminProblem } from './AdminProblem';

/** An "Export CSV" button of a filter bar; a failed export is shown below the bar in plain words. */
export function ExportCsv({ download, testId }: { download: () => Promise<void>; testId: string }) {
  const [error, setError] = useState<ApiError | undefined>();
  async function run() {
    setError(undefined);
    try {
      await download();
    } catch (cause) {
      setError(asApiError(cause));
    }
  }
  return (
    <>
      <Button appearance="subtle" onClick={() => void run()} testId={testId}>
        Export CSV
      </Button>
      {error && (
        <div className="admin-row-break">
          <AdminProblem error={error} fallbackTitle="The CSV could not be exported" />
        </div>
      )}
    </>
  );
}
