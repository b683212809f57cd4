import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type ReactElement } from 'react';

import { issueKeyFromForgeContext } from '../issueKey';
import { AdminSurface } from './AdminSurface';
import { AssessSurface } from './AssessSurface';
import { AssistantSurface } from './AssistantSurface';
import { DraftSurface, launchFromForgeContext } from './DraftSurface';

export type SurfaceName = 'assess' | 'glance' | 'draft' | 'assistant' | 'admin';

/** Which surface a Forge module shows, by the module type in `context.extension.type`. */
export const SURFACE_BY_FORGE_MODULE: Readonly<Record<string, SurfaceName>> = {
  'jira:issuePanel': 'assess',
  'jira:issueGlance': 'glance',
  'jira:issueAction': 'draft',
  'jira:globalPage': 'assistant',
  'jira:adminPage': 'admin',
};

export function surfaceForForgeModule(moduleType: string | undefined): SurfaceName | undefined {
  return moduleType ? SURFACE_BY_FORGE_MODULE[moduleType] : undefined;
}

/** What a surface gets from the Forge context. */
interface ForgeSurfaceContext {
  /** `extension.issue.key` on issue modules. */
  issueKey?: string;
  /** `context` itself, for surfaces that read more of it (Draft with AI: the project). */
  raw?: unknown;
}

const SURFACES: Record<SurfaceName, (context: ForgeSurfaceContext) => ReactElement> = {
  assess: ({ issueKey }) => <AssessSurface issueKey={issueKey} />,
  glance: ({ issueKey }) => <AssessSurface compact issueKey={issueKey} />,
  draft: ({ raw }) => <DraftSurface launch={launchFromForgeContext(raw)} />,
  assistant: ({ raw }) => <AssistantSurface forgeContext={raw} />,
  admin: () => <AdminSurface />,
};

type RouteState =
  | { status: 'loading' }
  | { status: 'ready'; surface: SurfaceName; context: ForgeSurfaceContext }
  | { status: 'unknown'; moduleType?: string };

/**
 * The Forge Custom UI entry: one resource serves every Forge module, so read the module type
 * from the Forge context and show the matching surface.
 */
export function ForgeSurface() {
  const [route, setRoute] = useState<RouteState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    import('@forge/bridge')
      .then(({ view }) => view.getContext())
      .then(
        (context) => {
          const moduleType = (context as { extension?: { type?: string } } | undefined)?.extension?.type;
          const surface = surfaceForForgeModule(moduleType);
          const issueKey = issueKeyFromForgeContext(context);
          if (current) {
            setRoute(surface ? { status: 'ready', surface, context: { issueKey, raw: context } } : { status: 'unknown', moduleType });
          }
        },
        () => {
          if (current) setRoute({ status: 'unknown' });
        },
      );
    return () => {
      current = false;
    };
  }, []);

  if (route.status === 'ready') {
    return SURFACES[route.surface](route.context);
  }
  return (
    <main aria-live="polite" aria-busy={route.status === 'loading'} style={{ padding: token('space.200', '16px') }}>
      {route.status === 'loading' ? (
        <div style={{ display: 'flex', justifyContent: 'center' }}>
          <Spinner size="large" label="Loading AI Assistant" />
        </div>
      ) : (
        <SectionMessage appearance="error" title="AI Assistant cannot open here">
          <p>
            {route.moduleType
              ? `This Jira location (${route.moduleType}) has no AI Assistant screen.`
              : 'The Jira context could not be read. Reload the page; if it keeps happening, ask a Jira admin to check the app.'}
          </p>
        </SectionMessage>
      )}
    </main>
  );
}
