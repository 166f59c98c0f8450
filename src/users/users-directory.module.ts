import { Module } from '@nestjs/common';
import { UsersDirectory } from './users-directory.service';

/**
 * Reads and credential writes on users for other modules. Depends on nothing, so auth
 * (which UsersModule itself uses) can import it without a cycle.
 */
@Module({ providers: [UsersDirectory], exports: [UsersDirectory] })
export class UsersDirectoryModule {}
