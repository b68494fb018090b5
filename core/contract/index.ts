export * from './routes';
export * from './dto';
export * from './topics';
export * from './route-table';
export * from './api';
export * from './hearing-flow';
export * from './hours';
