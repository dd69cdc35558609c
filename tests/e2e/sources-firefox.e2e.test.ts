// The sources scenario again, in Firefox ESR.
process.env.GLOSS_E2E_BROWSER = 'firefox';
await import('./sources.e2e.test');
export {};
