import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password an administrator set (POST /users/:id/password) is temporary: the admin
 * knows it, so the user may not sign with it until they change it (POST /auth/password
 * clears the flag). Existing passwords were chosen by their users.
 */
export class PasswordMustChange1766100000000 implements MigrationInterface {
  name = 'PasswordMustChange1766100000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN password_must_change boolean NOT NULL DEFAULT false`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN password_must_change`);
  }
}
