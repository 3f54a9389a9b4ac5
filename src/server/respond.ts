// Writing responses the same way everywhere: JSON bodies, and errors a route can throw to choose the status.
import type { ServerResponse } from 'node:http';

/**
 * Thrown by a route (or `readBody`) to answer with this status and a short machine-readable code instead of
 * a 500. The code is all the client sees, so it must not carry anything from the request.
 */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string = code) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
  }
}

/** Send `body` as JSON with `status`; with `headOnly` the headers say what the body would have been. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headOnly = false): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(headOnly ? undefined : json);
}
