import { Role } from '../common/roles';
import { DepartmentResponse, UserResponse } from './dto/user.dto';

/** A users row joined with its department ids, as the queries in UsersService select it. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
  password_must_change: boolean;
  created_at: Date;
  updated_at: Date;
  department_ids: string[];
}

export const USER_SELECT = `
  SELECT u.id, u.email, u.name, u.roles, u.active, u.password_must_change, u.created_at, u.updated_at,
         COALESCE((SELECT array_agg(ud.department_id::text ORDER BY ud.department_id)
                     FROM user_departments ud WHERE ud.user_id = u.id), '{}') AS department_ids
    FROM users u`;

/** Never return a row as it is: a new column cannot leak by accident (no password hash here). */
export function toUserResponse(r: UserRow): UserResponse {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    roles: r.roles,
    departmentIds: r.department_ids,
    active: r.active,
    passwordMustChange: r.password_must_change,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  created_at: Date;
}

export function toDepartmentResponse(r: DepartmentRow): DepartmentResponse {
  return { id: r.id, code: r.code, name: r.name, createdAt: r.created_at.toISOString() };
}
