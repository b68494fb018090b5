export * from './routes';
export * from './dto';
export * from './sign-text';
