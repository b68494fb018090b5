export * from './routes';
export * from './dto';
export * from './hearing-flow';
