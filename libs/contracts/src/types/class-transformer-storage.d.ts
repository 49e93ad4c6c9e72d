// class-transformer ships the types of its metadata storage beside the ESM build only.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
