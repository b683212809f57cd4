import { SurfaceFrame } from '../components/SurfaceFrame';

/** "Draft with AI": the dialog opened from the issue action. */
export function DraftSurface() {
  return (
    <SurfaceFrame
      title="Draft with AI"
      upcoming="Drafting issue text with AI arrives in the next release."
    />
  );
}
