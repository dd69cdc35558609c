// The adder scenario again, in Firefox ESR (Gloss's UI seen as pixels there).
process.env.GLOSS_E2E_BROWSER = 'firefox';
await import('./adder.e2e.test');
export {};
