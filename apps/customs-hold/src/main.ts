import './telemetry.start';
import 'reflect-metadata';
import { runServiceMain } from '@cargo/service-runtime';
import { CustomsHoldService } from './customs-hold.service-definition';

runServiceMain(CustomsHoldService);
