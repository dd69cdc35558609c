// The adder scenario again, in Firefox ESR (Gloss's closed UI read over WebDriver BiDi there).
process.env.GLOSS_E2E_BROWSER = 'firefox';
await import('./adder.e2e.test');
export {};
