import { Box } from '@atlaskit/primitives/compiled/box';
import { useEffect } from 'react';

import { requestResize } from '../bridge';
import { AdminPage } from '../features/admin/AdminPage';

/** "AI Assistant settings": the Jira admin page. */
export function AdminSurface() {
  useEffect(() => {
    // Sections load after mount; the iframe follows their height.
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => requestResize());
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  return (
    <Box as="main" padding="space.200">
      <AdminPage />
    </Box>
  );
}
