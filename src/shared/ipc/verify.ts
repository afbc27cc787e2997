/**
 * Online verification channels (issue 7): Aadhaar OTP eKYC, biometric eKYC,
 * PAN and passport, all answered by the central API (provider keys never live
 * on a kiosk). Offline, each answers E_NEEDS_NETWORK with the offline paths in
 * `details.offlinePaths`. The OTP passes through and is never stored; the PID
 * never crosses to the renderer (`captureRef` from rd:capture is redeemed once
 * in the main process and purged when sent).
 */
import { z } from 'zod';
import {
  BioAuthResultSchema, OtpInitiateResultSchema, OtpVerifyResultSchema, PanResultSchema, PassportResultSchema,
} from '../kyc/verification';
import { defineChannel } from './define';

const Case = { caseId: z.string().uuid(), consentRef: z.string().min(1).max(100) };
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** Digits with optional spaces/hyphens: 12 (Aadhaar) or 16 (VID) digits once stripped. */
const IdNumber = z.string().min(12).max(19).regex(/^[\d\s-]+$/);

export const OtpRequestInputSchema = z.object({ ...Case, idNumber: IdNumber }).strict();
export const OtpVerifyInputSchema = z.object({ caseId: z.string().uuid(), txnId: z.string().min(1).max(100), otp: z.string().regex(/^\d{6}$/, 'six digits') }).strict();
export const BioPrepareInputSchema = z.object({ modality: z.enum(['finger', 'iris']) }).strict();
export const BioPrepareOutputSchema = z.object({ wadh: z.string(), env: z.enum(['P', 'PP', 'S']) });
export const BioAuthenticateInputSchema = z.object({ ...Case, idNumber: IdNumber, modality: z.enum(['finger', 'iris']), captureRef: z.string().min(1).max(100), wadh: z.string().min(1).max(100) }).strict();
export const PanVerifyInputSchema = z.object({ ...Case, pan: z.string().min(10).max(12), name: z.string().min(1).max(200), dob: IsoDate }).strict();
export const PassportVerifyInputSchema = z.object({ ...Case, fileNumber: z.string().min(12).max(20), dob: IsoDate, name: z.string().max(200).optional() }).strict();

/** The ways to identify someone that need no network (named in E_NEEDS_NETWORK details). */
export const OFFLINE_PATHS = ['secure-qr', 'offline-xml', 'ovd'] as const;

export const verifyChannels = {
  'otp:request': defineChannel(OtpRequestInputSchema, OtpInitiateResultSchema),
  'otp:verify': defineChannel(OtpVerifyInputSchema, OtpVerifyResultSchema),
  'bio:prepare': defineChannel(BioPrepareInputSchema, BioPrepareOutputSchema),
  'bio:authenticate': defineChannel(BioAuthenticateInputSchema, BioAuthResultSchema),
  'pan:verify': defineChannel(PanVerifyInputSchema, PanResultSchema),
  'passport:verify': defineChannel(PassportVerifyInputSchema, PassportResultSchema),
};
