import { startBackground } from '../background';

export default defineBackground(() => startBackground());
