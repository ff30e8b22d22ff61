// Test code for auth-check-always-passes: TODO stubs left in authorisation code.
import type { Request, Response, NextFunction } from 'express';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';

type User = { id: string; role: string };

// "Stub out the admin check for now"
// ruleid: auth-check-always-passes
export function isAdmin(user: User): boolean { return true; }

// ruleid: auth-check-always-passes
export const verifyToken = (token: string) => true;

export function checkPermission(user: User, action: string): boolean {
  // TODO: real permission check
  // ruleid: auth-check-always-passes
  if (true) {
    return true;
  }
  return user.role === 'admin' && action !== '';
}

@Injectable()
export class RolesGuard implements CanActivate {
  // ruleid: auth-check-always-passes
  canActivate(context: ExecutionContext): boolean {
    return true;
  }
}

// The fixed forms.
// ok: auth-check-always-passes
export function isAdminSafe(user: User): boolean { return user.role === 'admin'; }
@Injectable()
// ok: auth-check-always-passes
export class RolesGuardSafe implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request & { user?: User }>();
    return req.user?.role === 'admin';
  }
}

// Not an auth check: a feature flag or a predicate named otherwise.
// ok: auth-check-always-passes
export function isFeatureEnabled(): boolean { return true; }
// ok: auth-check-always-passes
export const alwaysValid = (_value: string) => true;
export function authLogger(req: Request, _res: Response, next: NextFunction) { console.log(req.path); next(); }
