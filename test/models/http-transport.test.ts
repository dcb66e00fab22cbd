/**
 * The pooled transport behaves as fetch does where the SDKs can tell: header forms, status and headers, null
 * bodies, redirects, server-sent events arriving part by part, aborts rejecting with the signal's reason, and
 * network failures as `TypeError('fetch failed')`. (The conformance suite runs every SDK adapter through it.)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../adapters/models/http-transport.js';

let server: Server;
let base: string;
let release: (() => void) | undefined;
const transport = createHttpTransport();

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/echo') {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-multi', ['a', 'b']);
      res.end(JSON.stringify({ method: req.method, headers: req.headers, body }));
    });
    return;
  }
  if (url === '/empty') { res.statusCode = 204; res.end(); return; }
  if (url === '/moved') { res.statusCode = 307; res.setHeader('location', '/echo'); res.end('moved'); return; }
  if (url === '/sse') {
    res.setHeader('content-type', 'text/event-stream');
    res.write('data: first\n\n');
    release = () => res.end('data: last\n\n');
    return;
  }
  if (url === '/hang') return; // never answers
  res.statusCode = 404;
  res.end('no such path');
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await transport.close();
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('http transport', () => {
  it('sends method, body and every header form; returns status, headers and the body', async () => {
    for (const headers of [new Headers({ 'x-key': 'one' }), [['x-key', 'one']] as [string, string][], { 'X-Key': 'one' }]) {
      const res = await transport.fetch(`${base}/echo`, { method: 'POST', headers, body: '{"q":1}' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('x-multi')).toBe('a, b');
      const seen = await res.json() as { method: string; headers: Record<string, string>; body: string };
      expect(seen).toMatchObject({ method: 'POST', body: '{"q":1}' });
      expect(seen.headers['x-key']).toBe('one');
    }
    const missing = await transport.fetch(new URL(`${base}/nowhere`));
    expect(missing.status).toBe(404);
    expect(missing.statusText).toBe('Not Found');
    expect(await missing.text()).toBe('no such path');
  });

  it('gives a null body for 204 and follows a redirect as fetch does', async () => {
    const empty = await transport.fetch(`${base}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const moved = await transport.fetch(`${base}/moved`, { method: 'POST', body: 'again' });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { body: string }).body).toBe('again');
  });

  it('streams server-sent events part by part (the first part arrives before the response ends)', async () => {
    const res = await transport.fetch(`${base}/sse`);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: first\n\n');
    release!();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('data: last\n\n');
  });

  it('rejects with the signal reason when aborted, before or during the request', async () => {
    const before = new AbortController();
    before.abort(new Error('stopped early'));
    await expect(transport.fetch(`${base}/echo`, { signal: before.signal })).rejects.toThrow('stopped early');
    const during = new AbortController();
    setTimeout(() => during.abort(new Error('deadline')), 30);
    await expect(transport.fetch(`${base}/hang`, { signal: during.signal })).rejects.toThrow('deadline');
    const plain = new AbortController();
    setTimeout(() => plain.abort(), 30);
    await expect(transport.fetch(`${base}/hang`, { signal: plain.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a refused connection as fetch does: TypeError "fetch failed" with the cause', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await transport.fetch(`http://127.0.0.1:${port}/`).then(() => undefined, (e: unknown) => e as TypeError & { cause?: { code?: string } });
    expect(err).toBeInstanceOf(TypeError);
    expect(err!.message).toBe('fetch failed');
    expect(err!.cause?.code).toBe('ECONNREFUSED');
  });
});
