// The benchmark's baseline: a bare Express + EJS page rendering a comparable table (50 rows of people)
// with no database, no session and no middleware, on the same machine in the same run.
import express from 'express';
import ejs from 'ejs';

const template = ejs.compile(`<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Lista</title></head><body>
<main><h1>Uczestnicy</h1><table><thead><tr><th>Nazwisko</th><th>Imię</th><th>PESEL</th><th>Data urodzenia</th><th>Pracownik</th><th>Status</th></tr></thead>
<tbody><% rows.forEach(function (r) { %><tr><td><a href="/uczestnicy/<%= r.id %>"><%= r.lastName %></a></td><td><%= r.firstName %></td><td><%= r.pesel %></td><td><%= r.birth %></td><td><%= r.worker %></td><td><%= r.status %></td></tr><% }) %></tbody></table></main></body></html>`);

const rows = Array.from({ length: 50 }, (_v, i) => ({
  id: i + 1, lastName: `Wójcik-Żak ${i}`, firstName: 'Małgorzata', pesel: '85031212350', birth: '12.03.1985', worker: 'Anna Kowalska', status: 'aktywna',
}));

const app = express();
app.get('/', (_req, res) => {
  res.type('html').send(template({ rows }));
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  console.log(`LISTENING ${typeof addr === 'object' && addr ? addr.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
