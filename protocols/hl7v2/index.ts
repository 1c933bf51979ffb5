// HL7 v2 ER7 + MLLP codecs, hand-written on purpose (ECOSYSTEM.md).
export * from './separators.ts';
export * from './escape.ts';
export * from './charset.ts';
export * from './message.ts';
export * from './er7-parser.ts';
export * from './er7-builder.ts';
export * from './mllp-framer.ts';
export * from './ack.ts';
