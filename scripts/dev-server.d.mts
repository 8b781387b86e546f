import type { Server } from 'node:https';

export interface DevCertificates { ca: Buffer; cert: Buffer; key: Buffer; caPath: string }

/** The Office dev certificates for https://localhost, created (and, if `install`, trusted) on first use. */
export function devCertificates(options?: { install?: boolean; log?: (line: string) => void }): Promise<DevCertificates>;

/** Serves `root` over HTTPS; `routes` maps a URL path to content served instead of a file. */
export function serve(options: {
  root: string;
  port?: number;
  host?: string;
  certs: DevCertificates;
  routes?: Record<string, string | Uint8Array>;
}): Promise<Server>;
