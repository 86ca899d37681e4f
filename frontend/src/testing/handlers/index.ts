import { authHandlers } from './auth';
import { sessionHandlers } from './sessions';
import { simulatorHandlers } from './simulator';

export const handlers = [...authHandlers, ...sessionHandlers, ...simulatorHandlers];
