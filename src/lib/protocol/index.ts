export * from './device-events';
export * from './layers';
export * from './socket-events';
export * from './public-config';
export * from './wall-overview';
export * from './staffing';
export * from './dispatch';
export * from './transfers';
