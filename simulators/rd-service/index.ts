/** The simulated RD service (dev and test peer; never packaged, never imported by src/). */
export { startRdSimulator, type RdSimulator, type RdSimulatorOptions, type SimStatus } from './server';
export { startControlServer, type ControlServer } from './control';
export { FAULTS, isFault, type Fault } from './faults';
export { readPresentation, type Presentation, type Quality } from './presentation';
export { PERSONALITIES, isPersonalityName, type PersonalityName, type SimModality } from './personalities';
export { testUidaiPrivateKeyPem, testUidaiCertPem, providerCaCertPem, certificateIndex } from './keys';
