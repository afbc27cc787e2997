/**
 * The RD-service errCode table (reference §4.4), with the message the operator
 * sees in English and Hindi. This is the RD table, never the Auth API table:
 * the numbers overlap (Auth 710 = missing Pi data) with different meanings.
 * errCode stays a string: vendors have emitted non-numeric codes.
 */
export interface RdErrorText {
  /** What the code means (for support staff and logs). */
  meaning: string;
  /** What the operator should do, in English. */
  en: string;
  /** The same, in Hindi. */
  hi: string;
}

const table: Record<string, RdErrorText> = {
  '0': { meaning: 'success', en: 'Capture succeeded.', hi: 'कैप्चर सफल रहा।' },
  '100': { meaning: 'invalid PidOptions', en: 'The kiosk sent capture options the device rejected. Call support.', hi: 'डिवाइस ने कैप्चर विकल्प अस्वीकार कर दिए। सपोर्ट को कॉल करें।' },
  '110': { meaning: 'invalid fType', en: 'The device does not accept this fingerprint format. Call support.', hi: 'डिवाइस यह फिंगरप्रिंट प्रारूप स्वीकार नहीं करता। सपोर्ट को कॉल करें।' },
  '120': { meaning: 'invalid fCount', en: 'The device does not accept this number of fingers. Call support.', hi: 'डिवाइस उंगलियों की यह संख्या स्वीकार नहीं करता। सपोर्ट को कॉल करें।' },
  '130': { meaning: 'invalid iType', en: 'The device does not accept this iris format. Call support.', hi: 'डिवाइस यह आईरिस प्रारूप स्वीकार नहीं करता। सपोर्ट को कॉल करें।' },
  '140': { meaning: 'invalid iCount', en: 'The device does not accept this number of eyes. Call support.', hi: 'डिवाइस आंखों की यह संख्या स्वीकार नहीं करता। सपोर्ट को कॉल करें।' },
  '150': { meaning: 'invalid pidVer', en: 'The device does not support the PID version the kiosk asked for. Call support.', hi: 'डिवाइस कियोस्क द्वारा मांगे गए PID संस्करण का समर्थन नहीं करता। सपोर्ट को कॉल करें।' },
  '160': { meaning: 'invalid timeout', en: 'The device rejected the capture timeout. Call support.', hi: 'डिवाइस ने कैप्चर समय-सीमा अस्वीकार कर दी। सपोर्ट को कॉल करें।' },
  '170': { meaning: 'invalid posh', en: 'The device rejected the finger or eye position. Try again with any finger; if it repeats, call support.', hi: 'डिवाइस ने उंगली या आंख की स्थिति अस्वीकार कर दी। किसी भी उंगली से पुनः प्रयास करें; दोबारा हो तो सपोर्ट को कॉल करें।' },
  '180': { meaning: 'face matching not supported', en: 'This device cannot capture a face. Use a fingerprint or iris device.', hi: 'यह डिवाइस चेहरा कैप्चर नहीं कर सकता। फिंगरप्रिंट या आईरिस डिवाइस का उपयोग करें।' },
  '190': { meaning: 'invalid format', en: 'The device does not accept the requested data format. Call support.', hi: 'डिवाइस मांगा गया डेटा प्रारूप स्वीकार नहीं करता। सपोर्ट को कॉल करें।' },
  '200': { meaning: 'invalid Demo structure', en: 'The device rejected the demographic details sent with the capture. Call support.', hi: 'डिवाइस ने कैप्चर के साथ भेजे गए जनसांख्यिकीय विवरण अस्वीकार कर दिए। सपोर्ट को कॉल करें।' },
  '210': { meaning: 'Protobuf format not supported', en: 'The device does not support the requested data format. Call support.', hi: 'डिवाइस मांगे गए डेटा प्रारूप का समर्थन नहीं करता। सपोर्ट को कॉल करें।' },
  '700': { meaning: 'capture timed out', en: 'No finger or eye was detected in time. Ask the customer to place it properly and try again.', hi: 'समय पर कोई उंगली या आंख नहीं मिली। ग्राहक से सही तरीके से रखने को कहें और पुनः प्रयास करें।' },
  '710': { meaning: 'device being used by another application', en: 'The device is busy with another capture. Close other applications using it and try again.', hi: 'डिवाइस किसी अन्य कैप्चर में व्यस्त है। इसका उपयोग करने वाले अन्य एप्लिकेशन बंद करें और पुनः प्रयास करें।' },
  '720': { meaning: 'device not ready', en: 'The device is not ready. Check it is plugged in, then try again.', hi: 'डिवाइस तैयार नहीं है। जांचें कि यह जुड़ा हुआ है, फिर पुनः प्रयास करें।' },
  '730': { meaning: 'capture failed', en: 'The capture failed. Clean the sensor and try again.', hi: 'कैप्चर विफल रहा। सेंसर साफ करें और पुनः प्रयास करें।' },
  '740': { meaning: 'device needs re-initialisation', en: 'The device needs re-initialisation (registration or certificate expired). Connect the kiosk to the internet, restart the RD service, or call support.', hi: 'डिवाइस को पुनः आरंभ करने की आवश्यकता है (पंजीकरण या प्रमाणपत्र समाप्त)। कियोस्क को इंटरनेट से जोड़ें, RD सेवा पुनः आरंभ करें, या सपोर्ट को कॉल करें।' },
  '750': { meaning: 'RD service does not support fingerprint', en: 'This device does not capture fingerprints. Use the fingerprint device.', hi: 'यह डिवाइस फिंगरप्रिंट कैप्चर नहीं करता। फिंगरप्रिंट डिवाइस का उपयोग करें।' },
  '760': { meaning: 'RD service does not support iris', en: 'This device does not capture irises. Use the iris device.', hi: 'यह डिवाइस आईरिस कैप्चर नहीं करता। आईरिस डिवाइस का उपयोग करें।' },
  '770': { meaning: 'invalid URL', en: 'The kiosk called the device at a wrong address. Re-scan the devices and try again.', hi: 'कियोस्क ने डिवाइस को गलत पते पर कॉल किया। डिवाइस फिर से खोजें और पुनः प्रयास करें।' },
  '999': { meaning: 'internal error', en: 'The device service had an internal error. Try again; if it repeats, restart the RD service.', hi: 'डिवाइस सेवा में आंतरिक त्रुटि हुई। पुनः प्रयास करें; दोबारा हो तो RD सेवा पुनः आरंभ करें।' },
};

const unknown: RdErrorText = {
  meaning: 'unknown RD error code',
  en: 'The device reported an error the kiosk does not know. Try again; if it repeats, call support.',
  hi: 'डिवाइस ने एक अज्ञात त्रुटि बताई। पुनः प्रयास करें; दोबारा हो तो सपोर्ट को कॉल करें।',
};

export const RD_ERROR_CODES: readonly string[] = Object.keys(table);

/** The operator message for an RD errCode (any string; unknown codes get a generic message). */
export function rdErrorText(errCode: string): RdErrorText & { known: boolean } {
  const hit = Object.prototype.hasOwnProperty.call(table, errCode.trim()) ? table[errCode.trim()] : undefined;
  return hit ? { ...hit, known: true } : { ...unknown, known: false };
}
