import { mount } from '../mount';
import { AssessSurface, prefetchAssessData } from '../surfaces/AssessSurface';

prefetchAssessData();
mount(<AssessSurface />);
