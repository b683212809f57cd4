import { prefetchChatData } from '../features/chat/ChatPage';
import { mount } from '../mount';
import { AssistantSurface } from '../surfaces/AssistantSurface';

prefetchChatData();
mount(<AssistantSurface />);
