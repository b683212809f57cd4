import { mount } from '../mount';
import { AssessSurface } from '../surfaces/AssessSurface';

mount(<AssessSurface />);
