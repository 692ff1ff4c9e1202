// Passport with a local strategy. The user is read again on every request, so a deactivated
// account or a changed role takes effect at once.
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { RequestHandler } from 'express';
import type { Database } from '../db/client.ts';
import { authenticateUser, findActiveUser } from '../features/users/users.service.ts';

export function authentication(db: Database): RequestHandler[] {
  const auth = new passport.Passport();
  auth.use(
    new LocalStrategy({ usernameField: 'login', passwordField: 'password' }, (login, password, done) => {
      authenticateUser(db.prisma, login, password).then((u) => done(null, u ?? false), done);
    }),
  );
  auth.serializeUser((user, done) => done(null, user.id));
  auth.deserializeUser((id: number, done) => {
    findActiveUser(db.prisma, id).then((u) => done(null, u ?? false), done);
  });
  const attach: RequestHandler = (req, _res, next) => {
    req.app.locals.passport = auth;
    next();
  };
  return [attach, auth.initialize(), auth.session()];
}
