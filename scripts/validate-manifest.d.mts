/** Problems (Chinese, one per line) in a manifest.xml text that would stop Excel loading the pane; [] when fine. */
export function checkManifest(text: string): string[];
/** Microsoft's manifest XSD in the optional ../shared folder. */
export const MANIFEST_XSD: string;
