/** The development address in manifest.xml. */
export const DEV_ORIGIN: string;
/** manifest.xml for the site at `url` (https); throws with a Chinese message on a bad address. */
export function productionManifest(text: string, url: string): string;
/** Where desktop Excel is installed, or null. */
export function findExcel(platform?: NodeJS.Platform, exists?: (p: string) => boolean, env?: NodeJS.ProcessEnv): string | null;
export const OFFICE_ADDIN_DEBUGGING: string;
/** What `npm start` tells someone without desktop Excel. */
export function noExcelAdvice(platform?: NodeJS.Platform): string;
