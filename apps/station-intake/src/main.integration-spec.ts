import { describeServiceBoot } from '@cargo/testing';

describeServiceBoot('station-intake', 'station_intake');
