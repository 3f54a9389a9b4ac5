// Reading request bodies with a hard size limit, for routes that need the raw bytes (Slack verifies its
// signature over them) or parsed JSON (Bot Framework activities).
import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.ts';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ReadBodyOptions {
  /** Largest body accepted, in bytes. Default 1 MiB, the server's own limit. */
  limit?: number;
}

/** The whole body as bytes. Rejects with HttpError 413 as soon as it passes the limit, without buffering more. */
export function readBody(req: IncomingMessage, options: ReadBodyOptions = {}): Promise<Buffer> {
  const limit = options.limit ?? DEFAULT_BODY_LIMIT_BYTES;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Drain the rest unbuffered; the server closes the connection after answering.
        req.resume();
        reject(new HttpError(413, 'payload_too_large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new HttpError(400, 'bad_request', `request body could not be read: ${error.message}`));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** The body parsed as JSON. Rejects with HttpError 400 when it is not JSON (the body is never echoed). */
export async function readJson(req: IncomingMessage, options: ReadBodyOptions = {}): Promise<unknown> {
  const body = await readBody(req, options);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json');
  }
}
