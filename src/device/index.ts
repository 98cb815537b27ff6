// The device driver's public surface, for deploy and the CLI.
export type {
  ApplyOptions,
  ApplyResult,
  ConfigCommand,
  Device,
  DeviceTarget,
  DeviceTimeouts,
  HostKeyPolicy,
  LoginMethod,
  LineResult,
  LineStatus,
  PendingRollback,
  Question,
  QuestionAnswer,
  QuestionPolicy,
} from './types.js';
export { DeviceError, type DeviceErrorKind } from './errors.js';
export { IosXeCliDevice, connectDevice } from './iosxe-cli.js';
