/*
 * The type of `config.js`, the module with the page's configuration. It has no file here: explorer.ts makes it at
 * start-up from page-config.ts (ids, node kinds and their styles, relationship types, the GraphQL endpoint).
 */
import type { ExplorerConfig } from '../page-config';

declare const config: ExplorerConfig;
export default config;
