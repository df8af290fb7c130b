import { describeServiceBoot } from '@cargo/testing';

describeServiceBoot('customs-hold', 'customs_hold');
