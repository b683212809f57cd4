import { SurfaceFrame } from '../components/SurfaceFrame';

export interface AssessSurfaceProps {
  /** The issue glance shows the same surface, smaller. */
  compact?: boolean;
}

/** "Assess with AI": the Jira issue panel (and, compact, the issue glance). */
export function AssessSurface({ compact = false }: AssessSurfaceProps) {
  return (
    <SurfaceFrame
      title="Assess with AI"
      compact={compact}
      upcoming="Scoring this issue arrives in the next release."
    />
  );
}
