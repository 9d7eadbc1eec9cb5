import "server-only";
export {
  CONTENT_TYPES,
  DEFAULT_MAX_UPLOAD_BYTES,
  EXTENSIONS,
  MAX_FILE_NAME_LENGTH,
  MAX_FILES_PER_UPLOAD,
  UPLOAD_LIMITS,
  UPLOAD_MESSAGES,
  checkFileName,
  detectKinds,
  maxUploadBytes,
  validateUpload,
  type UploadKind,
  type UploadValidation,
  type ValidatedUpload,
} from "./validate";
export { fileStore, fileStoreRoot, isFileKey, localFileStore, readVerified, sha256Hex, verify, type FileStore, type StoredFile } from "./store";
