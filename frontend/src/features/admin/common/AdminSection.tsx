import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import type { ReactNode } from 'react';

import '../../../components/dataTable.css';
import './admin.css';

/** A section of the admin page: an h2 heading that names the region, and its content spaced as Atlaskit spaces it. */
export function AdminSection({ id, title, testId, children }: { id: string; title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} data-testid={testId}>
      <Stack space="space.200">
        <Heading size="medium" as="h2" id={id}>
          {title}
        </Heading>
        {children}
      </Stack>
    </section>
  );
}
