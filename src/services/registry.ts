// Every service module Cluster Pass knows. Adding a service means adding its module here.
import type { ServiceModule } from './types';

export const services: readonly ServiceModule[] = [];
