export * from './summary';
export * from './dockerfilePath';
export * from './history';
export * from './hardening';
