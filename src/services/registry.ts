// Every service module Cluster Pass knows. Adding a service means adding its module here.
import { emrModule } from './emr';
import { emrContainersModule } from './emrContainers';
import { redshiftModule } from './redshift';
import { redshiftIamModule } from './redshiftIam';
import { redshiftServerlessModule } from './redshiftServerless';
import type { ServiceModule } from './types';

export const services: readonly ServiceModule[] = [emrModule, emrContainersModule, redshiftModule, redshiftIamModule, redshiftServerlessModule];
