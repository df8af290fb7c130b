import { describeServiceBoot } from '@cargo/testing';

describeServiceBoot('tracking', 'tracking');
