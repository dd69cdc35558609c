// Notes sync again, between two Firefox ESR profiles.
process.env.GLOSS_E2E_BROWSER = 'firefox';
await import('./sync.e2e.test');
export {};
