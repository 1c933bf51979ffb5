export { tlsServerOptions, tlsClientOptions, TlsConfigError, type TlsFlags } from './options.ts';
export { tlsInfo } from './tls-info.ts';
