import './telemetry.start';
import 'reflect-metadata';
import { runServiceMain } from '@cargo/service-runtime';
import { FlightAssignmentService } from './flight-assignment.service-definition';

runServiceMain(FlightAssignmentService);
