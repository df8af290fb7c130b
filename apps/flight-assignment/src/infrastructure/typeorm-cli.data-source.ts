import { cliDataSource } from '@cargo/service-runtime';
import { FlightAssignmentConfig } from '../config/flight-assignment.config';
import { FlightAssignmentOrm } from './flight-assignment.orm-config';

/** Used by the TypeORM CLI (`nx run flight-assignment:migration:run` and friends), after `npm run build`. */
export default cliDataSource(FlightAssignmentConfig, FlightAssignmentOrm);
