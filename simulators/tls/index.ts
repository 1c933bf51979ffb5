export { tlsServerOptions, tlsClientOptions, TlsConfigError, type TlsFlags } from './options.ts';
export { tlsInfo } from './tls-info.ts';
export { tryHandshake, type HandshakeOutcome, type HandshakeTarget } from './handshake.ts';
export { probeTls, type TlsProbeInput, type TlsProbeResult, type TlsCheck } from './probe.ts';
export { judgeSuite } from './bcp195.ts';
