import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PasswordService } from '../auth/password.service';
import { SYSTEM_ACTOR } from '../common/principal';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsService } from '../users/departments.service';
import { UsersDirectory } from '../users/users-directory.service';
import { UsersService } from '../users/users.service';
import { DemoDocumentsService } from './demo-documents.service';
import { DEMO_DEPARTMENTS, DEMO_PASSWORD, DEMO_USERS } from './demo-organisation';

/** Serialises bootstrap across app instances starting together. */
const BOOTSTRAP_LOCK = 0x50525842;

/**
 * Runs once at start: the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when there
 * are no users, and the demo organisation when asked (embedded mode, or SEED_DEMO=true):
 * its users and departments, then, once those are committed, its documents.
 */
@Injectable()
export class BootstrapService {
  private readonly log = new Logger('Bootstrap');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly departments: DepartmentsService,
    private readonly passwords: PasswordService,
    private readonly demoDocuments: DemoDocumentsService,
    private readonly directory: UsersDirectory,
  ) {}

  async run(): Promise<{ seededDemo: boolean; createdAdmin: boolean }> {
    const demoHash = this.config.seedDemo ? await this.passwords.hash(DEMO_PASSWORD) : '';
    const adminHash = this.config.adminPassword
      ? await this.passwords.hash(this.config.adminPassword)
      : '';
    const result = await this.ds.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      const count = await this.directory.count(em);
      let createdAdmin = false;
      if (count === 0 && this.config.adminEmail) {
        await this.users.insert(em, SYSTEM_ACTOR, {
          email: this.config.adminEmail.toLowerCase(),
          name: 'Administrator',
          roles: ['admin'],
          passwordHash: adminHash,
        });
        createdAdmin = true;
        this.log.log(`created the first admin ${this.config.adminEmail}`);
      } else if (count === 0 && !this.config.seedDemo) {
        this.log.warn(
          'no users exist: set ADMIN_EMAIL and ADMIN_PASSWORD and restart to create the first admin',
        );
      }
      let seededDemo = false;
      if (this.config.seedDemo) {
        if ((await this.directory.idByEmail('admin@demo.local', em)) === null) {
          const existing = await this.directory.departmentsByCode(
            DEMO_DEPARTMENTS.map((d) => d.code),
            em,
          );
          const ids = new Map<string, string>();
          for (const d of DEMO_DEPARTMENTS) {
            ids.set(
              d.code,
              existing.get(d.code)?.id ?? (await this.departments.insert(em, SYSTEM_ACTOR, d)).id,
            );
          }
          for (const u of DEMO_USERS) {
            await this.users.insert(em, SYSTEM_ACTOR, {
              email: u.email,
              name: u.name,
              roles: u.roles,
              departmentIds: u.departments.map((c) => ids.get(c)!),
              passwordHash: demoHash,
            });
          }
          seededDemo = true;
          this.log.log('seeded the demo organisation');
        }
      }
      return { seededDemo, createdAdmin };
    });
    // Only the instance that seeded the organisation writes its documents. Signing
    // re-authenticates and commits on its own, so this runs after the commit above.
    if (result.seededDemo) await this.demoDocuments.seed();
    return result;
  }
}
