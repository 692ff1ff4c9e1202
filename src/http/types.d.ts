// What the app keeps in the session and on the request.
import 'express-session';
import type { Role } from '../generated/prisma/enums.ts';
import type { Upload } from './upload.ts';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    returnTo?: string;
    flash?: { kind: 'success' | 'info' | 'error'; text: string }[];
  }
}

declare global {
  namespace Express {
    interface Request {
      /** A multipart upload whose `_csrf` field the upload parser must still check (src/http/csrf.ts). */
      csrfPending?: boolean;
      /** The file and any problem with it, set by readUpload() (src/http/upload.ts). */
      upload?: Upload;
    }
    interface User {
      id: number;
      login: string;
      fullName: string;
      roles: Role[];
    }
  }
}
