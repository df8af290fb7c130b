import { cliDataSource } from '@cargo/service-runtime';
import { TrackingConfig } from '../config/tracking.config';
import { TrackingOrm } from './tracking.orm-config';

/** Used by the TypeORM CLI (`nx run tracking:migration:run` and friends), after `npm run build`. */
export default cliDataSource(TrackingConfig, TrackingOrm);
