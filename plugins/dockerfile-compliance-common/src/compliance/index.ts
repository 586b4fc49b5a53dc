export * from './summary';
export * from './dockerfilePath';
