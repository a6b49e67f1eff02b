/**
 * The messages between the console's page editor and the storefront's /preview route (shown in an
 * iframe): one definition, the storefront's (it has no runtime imports, so the console bundles only
 * these constants).
 */
import { PREVIEW_PATH } from "../../../../storefront/src/lib/preview-protocol";

export { PREVIEW_PAGE, PREVIEW_READY, isPreviewReadyMessage as isPreviewReady } from "../../../../storefront/src/lib/preview-protocol";
export type { PreviewLocale, PreviewPageMessage, PreviewReadyMessage } from "../../../../storefront/src/lib/preview-protocol";

/**
 * The same origin whenever the console is built (production, and the browser tests' builds); the
 * storefront's own dev server next to the console's under `npm run dev`. `import.meta.hot` exists only
 * on Vite's dev server, whereas `import.meta.env.DEV` is also true in a build made in test mode.
 */
export const PREVIEW_URL: string = import.meta.hot ? `http://localhost:5174${PREVIEW_PATH}` : PREVIEW_PATH;
