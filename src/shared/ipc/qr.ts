/**
 * `qr:*`, `ekyc-xml:*` and `scanners:*` channels, and the `qr:scanned` event.
 *
 * Flow: every scanner source (serial, HID POS, keyboard wedge, camera) ends in one
 * `qr:scanned` stream naming its source. Hardware scans arrive in main; the event
 * carries a one-time `scanId` and never the scanned text (a legacy XML QR holds a
 * full Aadhaar number), and the renderer calls `qr:verify({ scanId })`. Wedge and
 * camera scans arise in the renderer, which calls `qr:verify({ text, source })`.
 */
import { z } from 'zod';
import { defineChannel } from './define';

export const ScanSourceSchema = z.enum(['serial', 'hid', 'wedge', 'camera', 'cli']);
export type ScanSource = z.infer<typeof ScanSourceSchema>;

const Mobile = z.string().max(20).regex(/^[0-9+\s-]*$/);
const Email = z.string().max(254);

export const QrVerifyInputSchema = z.object({
  /** The scanned text (wedge, camera); at most a little over one QR's capacity. */
  text: z.string().min(1).max(8192).optional(),
  /** A hardware scan announced by `qr:scanned`; usable once, for two minutes. */
  scanId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/).optional(),
  source: ScanSourceSchema.optional(),
  /** Entered by the agent to confirm against the QR; never stored. */
  mobile: Mobile.optional(),
  email: Email.optional(),
}).refine((v) => (v.text === undefined) !== (v.scanId === undefined), { message: 'exactly one of text or scanId' });

const SignerSchema = z.object({
  id: z.string(),
  origin: z.enum(['bundled', 'configured', 'explicit']),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
  validAtTimestamp: z.boolean(),
});

const ContactCheckSchema = z.object({
  status: z.enum(['confirmed', 'not-confirmed', 'not-registered', 'not-checked']),
  method: z.enum(['hash', 'last4']).nullable(),
});

const ReferenceSchema = z.object({ last4: z.string().regex(/^\d{4}$/), timestamp: z.string(), id: z.string() });

export const PhotoViewSchema = z.object({ width: z.number().int(), height: z.number().int(), dataUrl: z.string() });

export const SecureQrViewSchema = z.object({
  format: z.literal('secure-qr'),
  source: ScanSourceSchema.nullable(),
  layout: z.enum(['no-version', 'versioned']),
  version: z.number().int().nullable(),
  compression: z.enum(['gzip', 'zlib']),
  verified: z.literal(true),
  signer: SignerSchema,
  reference: ReferenceSchema,
  indicator: z.object({ value: z.number().int().min(0).max(3), email: z.boolean(), mobile: z.boolean() }),
  fields: z.object({
    name: z.string(), dob: z.string(), gender: z.string(), careOf: z.string(), district: z.string(), landmark: z.string(),
    house: z.string(), location: z.string(), pincode: z.string(), postOffice: z.string(), state: z.string(), street: z.string(),
    subDistrict: z.string(), vtc: z.string(), mobileLast4: z.string(),
  }),
  contact: z.object({ mobile: ContactCheckSchema, email: ContactCheckSchema }),
  /** The photo decoded from JPEG 2000, as PNG; null if it could not be decoded (see warnings). */
  photo: PhotoViewSchema.nullable(),
  warnings: z.array(z.string()),
});
export type SecureQrView = z.infer<typeof SecureQrViewSchema>;

export const LegacyXmlViewSchema = z.object({
  format: z.enum(['legacy-xml', 'signed-xml-qr']),
  source: ScanSourceSchema.nullable(),
  verified: z.literal(false),
  trust: z.literal('unsigned-not-verifiable'),
  aadhaarMasked: z.string().nullable(),
  aadhaarLast4: z.string().nullable(),
  aadhaarValid: z.boolean().nullable(),
  fields: z.object({
    name: z.string(), gender: z.string(), yob: z.string(), dob: z.string(), careOf: z.string(), house: z.string(), street: z.string(),
    landmark: z.string(), location: z.string(), vtc: z.string(), postOffice: z.string(), district: z.string(), subDistrict: z.string(),
    state: z.string(), pincode: z.string(),
  }),
  warnings: z.array(z.string()),
});
export type LegacyXmlView = z.infer<typeof LegacyXmlViewSchema>;

export const QrVerificationSchema = z.discriminatedUnion('format', [SecureQrViewSchema, LegacyXmlViewSchema]);
export type QrVerification = z.infer<typeof QrVerificationSchema>;

export const EkycOpenInputSchema = z.object({
  /** The ZIP the customer downloaded from UIDAI, base64 (at most 4 MiB of ZIP). */
  zipBase64: z.string().min(4).max(5_600_000).regex(/^[A-Za-z0-9+/=\s]+$/),
  /** Used for this call only, then discarded; never stored or logged. */
  shareCode: z.string().min(1).max(64),
  mobile: Mobile.optional(),
  email: Email.optional(),
});

export const EkycViewSchema = z.object({
  format: z.literal('offline-ekyc-xml'),
  verified: z.literal(true),
  signer: SignerSchema,
  signatureAlgorithm: z.string(),
  reference: ReferenceSchema,
  ageHours: z.number(),
  fields: z.object({
    name: z.string(), dob: z.string(), gender: z.string(), careOf: z.string(), country: z.string(), district: z.string(), house: z.string(),
    landmark: z.string(), location: z.string(), pincode: z.string(), postOffice: z.string(), state: z.string(), street: z.string(),
    subDistrict: z.string(), vtc: z.string(),
  }),
  emailRegistered: z.boolean(),
  mobileRegistered: z.boolean(),
  contact: z.object({
    mobile: ContactCheckSchema,
    email: ContactCheckSchema.extend({ scheme: z.enum(['plain-sha256', 'iterated-with-share-code']).optional() }),
  }),
  photo: z.object({ mime: z.string(), dataUrl: z.string(), bytes: z.number().int() }).nullable(),
});
export type EkycView = z.infer<typeof EkycViewSchema>;

export const ScannerSourceStatusSchema = z.object({
  kind: z.enum(['serial', 'hid', 'usb-hotplug']),
  id: z.string(),
  state: z.enum(['listening', 'idle', 'unavailable', 'error']),
  detail: z.string().optional(),
});
export type ScannerSourceStatus = z.infer<typeof ScannerSourceStatusSchema>;

export const ScannersStatusSchema = z.object({
  sources: z.array(ScannerSourceStatusSchema),
  serialPorts: z.array(z.object({ path: z.string(), manufacturer: z.string().optional(), vendorId: z.string().optional(), productId: z.string().optional() })),
  hidPosDevices: z.array(z.object({ path: z.string(), vendorId: z.number(), productId: z.number(), product: z.string().optional() })),
});
export type ScannersStatus = z.infer<typeof ScannersStatusSchema>;

export const qrChannels = {
  'qr:verify': defineChannel(QrVerifyInputSchema, QrVerificationSchema),
  'ekyc-xml:open': defineChannel(EkycOpenInputSchema, EkycViewSchema),
  'scanners:status': defineChannel(z.undefined(), ScannersStatusSchema),
};

export const QrScannedEventSchema = z.object({
  source: ScanSourceSchema,
  /** Which device: a serial path or HID path; never the scanned content. */
  device: z.string().max(256).optional(),
  scanId: z.string(),
  length: z.number().int(),
  /** The format guessed from the text alone (before any verification). */
  format: z.enum(['secure-qr', 'legacy-xml', 'signed-xml-qr', 'aadhaar-number', 'unknown']),
  receivedAt: z.string(),
});
export type QrScannedEvent = z.infer<typeof QrScannedEventSchema>;

export const ScannersChangedEventSchema = z.object({
  change: z.enum(['arrived', 'left']),
  kind: z.enum(['usb', 'serial', 'hid']),
  device: z.string().max(256),
});

export const qrEvents = {
  'qr:scanned': QrScannedEventSchema,
  'scanners:changed': ScannersChangedEventSchema,
};
