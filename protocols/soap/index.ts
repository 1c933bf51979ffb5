export * from './namespaces.ts';
export * from './envelope.ts';
export * from './fault.ts';
