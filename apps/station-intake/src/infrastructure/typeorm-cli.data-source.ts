import { cliDataSource } from '@cargo/service-runtime';
import { StationIntakeConfig } from '../config/station-intake.config';
import { StationIntakeOrm } from './station-intake.orm-config';

/** Used by the TypeORM CLI (`nx run station-intake:migration:run` and friends), after `npm run build`. */
export default cliDataSource(StationIntakeConfig, StationIntakeOrm);
