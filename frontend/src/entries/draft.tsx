import { mount } from '../mount';
import { DraftSurface } from '../surfaces/DraftSurface';

mount(<DraftSurface />);
