// Where the console is served: routes.ts registers it, app.ts builds its links (a file of its own
// so the two need not import each other).
export const CONSOLE_PREFIX = '/_iam/console';
