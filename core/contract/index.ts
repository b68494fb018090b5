export * from './routes';
export * from './dto';
