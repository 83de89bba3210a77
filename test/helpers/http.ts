// Loopback HTTP and waiting helpers for tests that drive the app over the network.
import http from 'node:http';
import nock from 'nock';

export interface Response {
  status: number;
  body: string;
  json(): unknown;
}

/** Raw loopback request; the test client is plain node:http so nock never sees it. */
export function request(
  port: number,
  method: string,
  urlPath: string,
  body = '',
  headers: Record<string, string> = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text, json: () => JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Waits until `check` passes (async work after an ack), failing with the pending nock mocks. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out; pending mocks: ${nock.pendingMocks().join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Parses a Web API form body (nock gives the raw string) and decodes its JSON fields. */
export function formFields(body: unknown): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  return body as Record<string, string>;
}
