export { accessKeyRotation, consoleUsersMfa, unusedCredentials } from './credentials';
export { passwordPolicy } from './password-policy';
export { adminAccess, usersDirectPolicies } from './permissions';
export { rootAccessKeys, rootMfa, rootRecentUse } from './root';
