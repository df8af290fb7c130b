/**
 * The parts of Express's request/response this API touches (the workspace has no @types/express;
 * these are structural, so the real objects fit).
 */
export interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string | undefined>;
  body?: unknown;
}

export interface HttpResponseLike {
  status(code: number): HttpResponseLike;
  json(body: unknown): unknown;
  headersSent?: boolean;
}

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedCsvFile {
  buffer: Buffer;
  mimetype: string;
  originalname: string;
  size: number;
}
