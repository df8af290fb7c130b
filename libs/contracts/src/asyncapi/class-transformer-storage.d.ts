/** Types for class-transformer's CommonJS metadata storage (the package ships them under `types/`). */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
