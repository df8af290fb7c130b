import './telemetry.start';
import 'reflect-metadata';
import { runServiceMain } from '@cargo/service-runtime';
import { TrackingService } from './tracking.service-definition';

runServiceMain(TrackingService);
