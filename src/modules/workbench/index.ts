/**
 * The workbench module's public surface: every signed-in user's landing page. Read-only, no tables:
 * it gathers each module's work through that module's index.
 */
export { workbenchRoutes } from './routes.ts';
