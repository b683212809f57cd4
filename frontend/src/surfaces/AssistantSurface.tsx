import { SurfaceFrame } from '../components/SurfaceFrame';

/** "AI Assistant": the general (global) page. */
export function AssistantSurface() {
  return (
    <SurfaceFrame
      title="AI Assistant"
      upcoming="Chatting with the AI Assistant about your Jira work arrives in the next release."
    />
  );
}
