import { describeServiceBoot } from '@cargo/testing';

describeServiceBoot('flight-assignment', 'flight_assignment');
