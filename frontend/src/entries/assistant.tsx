import { mount } from '../mount';
import { AssistantSurface } from '../surfaces/AssistantSurface';

mount(<AssistantSurface />);
