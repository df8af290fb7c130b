import './telemetry.start';
import 'reflect-metadata';
import { runServiceMain } from '@cargo/service-runtime';
import { StationIntakeService } from './station-intake.service-definition';

runServiceMain(StationIntakeService);
