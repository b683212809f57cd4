import { mount } from '../mount';
import { ForgeSurface } from '../surfaces/ForgeSurface';

mount(<ForgeSurface />);
