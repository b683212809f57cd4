import { ChatPage } from '../features/chat/ChatPage';

export interface AssistantSurfaceProps {
  /** Forge: the view context (the page reads the issue it was opened about from it). */
  forgeContext?: unknown;
}

/** "AI Assistant": the general (global) page, a conversation with Jira (src/features/chat). */
export function AssistantSurface({ forgeContext }: AssistantSurfaceProps) {
  return <ChatPage forgeContext={forgeContext} />;
}
