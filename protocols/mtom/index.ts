export * from './content-type.ts';
export * from './parse.ts';
export * from './xop.ts';
export * from './write.ts';
