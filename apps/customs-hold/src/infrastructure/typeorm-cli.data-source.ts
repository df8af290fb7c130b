import { cliDataSource } from '@cargo/service-runtime';
import { CustomsHoldConfig } from '../config/customs-hold.config';
import { CustomsHoldOrm } from './customs-hold.orm-config';

/** Used by the TypeORM CLI (`nx run customs-hold:migration:run` and friends), after `npm run build`. */
export default cliDataSource(CustomsHoldConfig, CustomsHoldOrm);
