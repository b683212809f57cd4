import { SurfaceFrame } from '../components/SurfaceFrame';

/** "AI Assistant settings": the Jira admin page. */
export function AdminSurface() {
  return (
    <SurfaceFrame
      title="AI Assistant settings"
      upcoming="Choosing and configuring the AI model for this site arrives in the next release."
      notConfiguredMessage="No AI model is configured for this site yet. Setting one up from this page arrives in the next release."
    />
  );
}
