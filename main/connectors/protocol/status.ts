import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { isKlosetError, klosetErrorCodes, type KlosetErrorCode } from '../../kloset/index';
import { errorCodeMetadataKey } from './constants';

/*
 * Engine errors ⇄ gRPC statuses. The protocol fixes three meanings: CANCELLED is a cancelled
 * operation, UNAVAILABLE an I/O error talking to the integration, any other status carries the
 * error message. The exact engine code rides along in the `kloset-error-code` metadata key.
 */

const grpcCodes: Readonly<Record<KlosetErrorCode, GrpcStatus>> = {
  CANCELED: GrpcStatus.CANCELLED,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
  IO: GrpcStatus.UNAVAILABLE,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  BAD_INPUT: GrpcStatus.INVALID_ARGUMENT,
  AMBIGUOUS: GrpcStatus.INVALID_ARGUMENT,
  ALREADY_EXISTS: GrpcStatus.ALREADY_EXISTS,
  AUTH_EXPIRED: GrpcStatus.UNAUTHENTICATED,
  WRONG_PASSPHRASE: GrpcStatus.PERMISSION_DENIED,
  READ_ONLY: GrpcStatus.PERMISSION_DENIED,
  LOCKED: GrpcStatus.FAILED_PRECONDITION,
  UNSUPPORTED_VERSION: GrpcStatus.FAILED_PRECONDITION,
  CORRUPT: GrpcStatus.DATA_LOSS,
};

/** Without our metadata (a plugin of another implementation), the status code alone decides. */
const klosetCodes: Partial<Record<GrpcStatus, KlosetErrorCode>> = {
  [GrpcStatus.CANCELLED]: 'CANCELED',
  [GrpcStatus.UNAVAILABLE]: 'UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'UNAVAILABLE',
  [GrpcStatus.NOT_FOUND]: 'NOT_FOUND',
  [GrpcStatus.INVALID_ARGUMENT]: 'BAD_INPUT',
  [GrpcStatus.ALREADY_EXISTS]: 'ALREADY_EXISTS',
  [GrpcStatus.UNAUTHENTICATED]: 'AUTH_EXPIRED',
  [GrpcStatus.DATA_LOSS]: 'CORRUPT',
};

export interface ErrorStatus {
  readonly code: GrpcStatus;
  readonly details: string;
  readonly metadata: Metadata;
}

/** The status a plugin answers for an error thrown by its engine implementation. */
export function statusFromError(error: unknown): ErrorStatus {
  const metadata = new Metadata();
  if (isKlosetError(error)) {
    metadata.set(errorCodeMetadataKey, error.code);
    return { code: grpcCodes[error.code], details: error.message, metadata };
  }
  const details = error instanceof Error ? error.message : String(error);
  return { code: GrpcStatus.UNKNOWN, details, metadata };
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number' && (error as Partial<ServiceError>).metadata instanceof Metadata;
}

function isKlosetErrorCode(value: string): value is KlosetErrorCode {
  return (klosetErrorCodes as readonly string[]).includes(value);
}

/** The engine code of a status: our metadata when present, else the status code; IO otherwise. */
export function klosetCodeFromStatus(error: ServiceError): KlosetErrorCode {
  const [value] = error.metadata.get(errorCodeMetadataKey);
  if (typeof value === 'string' && isKlosetErrorCode(value)) return value;
  return klosetCodes[error.code] ?? 'IO';
}

/** True when the status carries an error from the plugin's engine rather than from the transport. */
export function hasErrorCodeMetadata(error: ServiceError): boolean {
  return error.metadata.get(errorCodeMetadataKey).length > 0;
}
