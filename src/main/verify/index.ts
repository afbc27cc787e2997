export { VerifyService, type VerifyServiceOptions, type VerifyStatus } from './service';
export { createSignedClient, NetworkError, type CentralClient, type CentralCredentials } from './client';
