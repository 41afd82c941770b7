// ShareDB 7 with ot-text-unicode, as its README sets it up, for the comparison benchmark:
// in memory, or on PostgreSQL through sharedb-postgres (DATABASE_URL), listening on PORT.
// Prints "listening" once it takes connections.
import ShareDB from 'sharedb';
import ShareDBPostgres from 'sharedb-postgres';
import otText from 'ot-text-unicode';
import WebSocketJSONStream from '@teamwork/websocket-json-stream';
import { WebSocketServer } from 'ws';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

ShareDB.types.register(otText.type);
const databaseUrl = process.env.DATABASE_URL;
let db;
if (databaseUrl) {
  // sharedb-postgres's own schema file
  const schema = readFileSync(createRequire(import.meta.url).resolve('sharedb-postgres/structure.sql'), 'utf8');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(schema);
  await client.end();
  db = new ShareDBPostgres({ connectionString: databaseUrl });
} else {
  db = new ShareDB.MemoryDB();
}
const backend = new ShareDB({ db });
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT) });
server.on('connection', (socket) => backend.listen(new WebSocketJSONStream(socket)));
server.on('listening', () => console.log('listening'));
