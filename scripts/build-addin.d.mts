/** Where Microsoft asks add-ins to load office.js from. */
export const OFFICE_JS_CDN: string;
/**
 * Builds the task pane into `out` (default dist/addin) and returns that folder. `host`
 * bundles a test host as testhost.js; `officeJs: 'local'` serves office.js from the
 * @microsoft/office-js package under office-js/ and drops the CDN from the page's CSP.
 */
export function buildAddin(options?: { host?: string; officeJs?: 'cdn' | 'local'; out?: string }): Promise<string>;
