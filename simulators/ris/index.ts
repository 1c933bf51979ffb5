// RIS simulator: MLLP receiver (startRis) and sender (sendHl7, MllpClient).
export { startRis, type RisOptions, type RisSimulator } from './server.ts';
export { MllpClient, sendHl7, readAck, encodeEr7, type AckResult, type SendResult } from './client.ts';
export { onFrame, onFramingError, type CoreReply, type RisCoreOptions } from './core.ts';
