import { Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBody,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../common/decorators';
import { Principal } from '../common/principal';
import { ANY_ROLE } from '../common/roles';
import { UserResponse } from '../users/dto/user.dto';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse } from './dto/auth.dto';
import { LoginGuard } from './strategies';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with e-mail and password; returns a bearer token' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: 'Bad credentials (same answer for an unknown e-mail)' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failures for this account or address; see Retry-After',
  })
  login(@CurrentUser() user: unknown): Promise<LoginResponse> {
    return this.auth.issueToken(user as UserResponse);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() p: Principal): Promise<UserResponse> {
    return this.auth.me(p.userId);
  }
}
