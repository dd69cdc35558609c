/**
 * A real CouchDB-protocol server for tests, the soak run and the benchmark:
 * express-pouchdb over PouchDB with the in-memory adapter, on 127.0.0.1 and a
 * free port. Dev dependencies only; nothing here ships in the extension.
 *
 *   tsx scripts/couch-test-server.ts [port]   # serve until Ctrl-C
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export interface TestCouch {
  url: string;
  close(): Promise<void>;
  /** Requests the server answered. */
  requests(): number;
}

export async function startTestCouch(port = 0): Promise<TestCouch> {
  const PouchDB = require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-adapter-http'))
    .plugin(require('pouchdb-mapreduce'))
    .plugin(require('pouchdb-replication'));
  const Memory = PouchDB.defaults({ adapter: 'memory' });
  const app = require('express-pouchdb')(Memory, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: join(tmpdir(), `gloss-couch-${process.pid}.log`),
  });
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('test server has no port');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const couch = await startTestCouch(Number(process.argv[2] ?? 5984));
  process.stdout.write(`CouchDB-protocol test server (express-pouchdb, in memory) at ${couch.url}\n`);
}
