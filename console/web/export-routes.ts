import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from './app.ts';

export function registerExportRoutes(_app: FastifyInstance, _deps: ConsoleDeps): void {}
