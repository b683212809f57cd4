import { mount } from '../mount';
import { AdminSurface } from '../surfaces/AdminSurface';

mount(<AdminSurface />);
