import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from './app.ts';

export function registerEvidenceRoutes(_app: FastifyInstance, _deps: ConsoleDeps): void {}
