import { MAX_PASSWORD_LENGTH } from '@tnt/server/data-access-users';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

// class-validator runs a property's decorators bottom-up and stops at the first failure here,
// so the type check is written last to be reported first.

/** Body of `POST /api/auth/login`. */
export class LoginDto {
  @MaxLength(64)
  @IsNotEmpty()
  @IsString()
  username!: string;

  @MaxLength(MAX_PASSWORD_LENGTH)
  @IsNotEmpty()
  @IsString()
  password!: string;
}
