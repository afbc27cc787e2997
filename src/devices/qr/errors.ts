/**
 * Stable error codes of the QR and offline e-KYC codecs. Messages are for the
 * agent and never carry identity data (only lengths, counts and codes).
 */
export const QrErrorCode = {
  /** Not digits, empty, or longer than one QR symbol can hold: checked before any BigInt work. */
  DIGITS: 'E_QR_DIGITS',
  /** The bytes are not a complete gzip/zlib stream (a dropped digit, a partial scan): rescan. */
  INFLATE: 'E_QR_INFLATE',
  /** Decompression would exceed the hard cap (an inflate bomb). */
  INFLATE_LIMIT: 'E_QR_INFLATE_LIMIT',
  /** Decompressed, but the fields are not a Secure QR layout. */
  LAYOUT: 'E_QR_LAYOUT',
  /** No pinned certificate verifies the signature. */
  SIGNATURE: 'E_QR_SIGNATURE',
  /** The scanned text is not any Aadhaar QR format this kiosk reads. */
  FORMAT: 'E_QR_FORMAT',
  /** A legacy XML QR that cannot be parsed safely. */
  XML: 'E_QR_XML',
  /** A JPEG 2000 photo that is missing, oversized or undecodable. */
  PHOTO: 'E_QR_PHOTO',
  /** A configured certificate file that cannot be read or is not an RSA-2048+ certificate. */
  CERT: 'E_QR_CERT',
} as const;

export const EkycErrorCode = {
  /** Not a ZIP, or not the one-entry offlineaadhaar*.xml archive UIDAI issues. */
  ZIP: 'E_EKYC_ZIP',
  /** The share code does not open the ZIP. */
  SHARE_CODE: 'E_EKYC_SHARE_CODE',
  /** The XML is malformed, has a DOCTYPE, or lacks the expected elements. */
  XML: 'E_EKYC_XML',
  /** The XMLDSig does not verify against any pinned UIDAI certificate, or is shaped unsafely. */
  SIGNATURE: 'E_EKYC_SIGNATURE',
  /** Older than the freshness window. */
  STALE: 'E_EKYC_STALE',
  /** Larger than the cap (compressed or uncompressed). */
  TOO_LARGE: 'E_EKYC_TOO_LARGE',
} as const;
