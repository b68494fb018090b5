export * from './routes';
export * from './dto';
export * from './hearing-flow';
export * from './sign-text';
