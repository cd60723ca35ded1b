/**
 * The opening message and starter questions a chat shows before the first message, read from
 * `welcome.json` or `welcome.md` beside the knowledge base (KB_DIR) and reloaded on SIGHUP.
 *
 * @packageDocumentation
 */
export { DEFAULT_WELCOME, WelcomeFile, loadWelcome, parseWelcomeMarkdown } from './welcome-file.js';
