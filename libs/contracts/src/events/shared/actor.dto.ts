import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ACTOR_ROLES, type ActorRole } from '../../domain/hold-reason.constants';

/** Who took a customs or security decision: the rules engine (`SYSTEM`) or a named officer. */
export class ActorDto {
  @IsIn(ACTOR_ROLES, { message: `$property must be one of ${ACTOR_ROLES.join(', ')}` })
  role!: ActorRole;

  /** Officer's id, or the service name for `SYSTEM` (e.g. `customs-hold`). */
  @IsString()
  @IsNotEmpty({ message: '$property must identify who acted' })
  @MaxLength(64)
  id!: string;
}
