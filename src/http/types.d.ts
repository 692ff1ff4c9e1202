// What the app keeps in the session and on the request.
import 'express-session';
import type { Role } from '../generated/prisma/enums.ts';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
    returnTo?: string;
    flash?: { kind: 'success' | 'info' | 'error'; text: string }[];
  }
}

declare global {
  namespace Express {
    interface User {
      id: number;
      login: string;
      fullName: string;
      roles: Role[];
    }
  }
}
