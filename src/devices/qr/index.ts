/** The QR and offline e-KYC codecs: what main, the CLI and benches use. */
export { detectFormat, normaliseScan, describeForLog, MAX_QR_DIGITS, type ScanFormat } from './detect';
export { QrErrorCode, EkycErrorCode } from './errors';
export { decodeSecureQr, decodeSecureQrWithBytes, requireVerified, type SecureQrDecode } from './secure-qr/decode';
export { decodeLegacyXml, type LegacyXmlDecode } from './legacy-xml';
export { openOfflineEkyc, DEFAULT_MAX_AGE_DAYS, type EkycDecode } from './offline-ekyc/open';
export { decodeJpeg2000, photoToPngDataUrl, readJpeg2000Header } from './photo/jpeg2000';
export { loadTrustStore, TrustStore, bundledCertDir, type PinnedCert, type SignerInfo } from './trust-store';
export { verifyScan, type VerifyScanOptions } from './verify-scan';
