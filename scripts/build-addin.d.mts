/** Builds the task pane into dist/addin and returns that folder. `host` bundles a test host as testhost.js. */
export function buildAddin(options?: { host?: string }): Promise<string>;
