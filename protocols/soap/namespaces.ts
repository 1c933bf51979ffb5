// Namespace URIs (the shared table lives in protocols/xml) plus the SOAP 1.1 envelope, which
// is only recognised to answer it with VersionMismatch.
import { NS as XML_NS } from '../xml/index.ts';

export const NS = { ...XML_NS, soap11: 'http://schemas.xmlsoap.org/soap/envelope/' } as const;

export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';
