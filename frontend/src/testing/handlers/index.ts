import { authHandlers } from './auth';
import { deadLetterHandlers } from './dead-letters';
import { sessionHandlers } from './sessions';
import { simulatorHandlers } from './simulator';

export const handlers = [...authHandlers, ...sessionHandlers, ...simulatorHandlers, ...deadLetterHandlers];
