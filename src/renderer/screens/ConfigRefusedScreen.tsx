/**
 * "Configuration refused": shown instead of the app when the kiosk's signed configuration file is
 * missing, unsigned or invalid (the Electron shell loads `#/config-refused/<E_CONFIG_...>` and
 * starts no services, so this screen makes no kiosk calls).
 * For the flow engineer: App.tsx should render this before anything else when
 * `configRefusalFromHash(location.hash)` returns a code. Texts live here, not in the locale files,
 * because i18n may be what a broken install lacks; English and Hindi side by side for the agent and IT.
 */
import { Alert, Card } from '../components/ui';

const REASONS: Record<string, { en: string; hi: string }> = {
  E_CONFIG_MISSING: { en: 'No configuration file is installed on this kiosk.', hi: 'इस कियोस्क पर कोई कॉन्फ़िगरेशन फ़ाइल स्थापित नहीं है।' },
  E_CONFIG_UNSIGNED: { en: 'The configuration file is not signed by the central system.', hi: 'कॉन्फ़िगरेशन फ़ाइल केंद्रीय प्रणाली द्वारा हस्ताक्षरित नहीं है।' },
  E_CONFIG_BAD_SIGNATURE: { en: 'The configuration file was changed after it was signed.', hi: 'कॉन्फ़िगरेशन फ़ाइल हस्ताक्षर के बाद बदली गई है।' },
  E_CONFIG_UNTRUSTED_KEY: { en: 'The configuration file was signed by a key this kiosk does not trust.', hi: 'कॉन्फ़िगरेशन फ़ाइल ऐसी कुंजी से हस्ताक्षरित है जिस पर यह कियोस्क भरोसा नहीं करता।' },
  E_CONFIG_NO_TRUSTED_KEY: { en: 'This kiosk build trusts no configuration key.', hi: 'यह कियोस्क बिल्ड किसी कॉन्फ़िगरेशन कुंजी पर भरोसा नहीं करता।' },
  E_CONFIG_EXPIRED: { en: 'The configuration file has expired.', hi: 'कॉन्फ़िगरेशन फ़ाइल की अवधि समाप्त हो गई है।' },
  E_CONFIG_NOT_YET_VALID: { en: 'The configuration file is dated in the future: check the kiosk clock.', hi: 'कॉन्फ़िगरेशन फ़ाइल भविष्य की तारीख की है: कियोस्क की घड़ी जाँचें।' },
  E_CONFIG_WRONG_KIOSK: { en: 'The configuration file was issued for another kiosk.', hi: 'कॉन्फ़िगरेशन फ़ाइल किसी अन्य कियोस्क के लिए जारी की गई है।' },
  E_CONFIG_INVALID: { en: 'The configuration file is damaged or not for this version.', hi: 'कॉन्फ़िगरेशन फ़ाइल खराब है या इस संस्करण के लिए नहीं है।' },
};
const FALLBACK = { en: 'The configuration file could not be read.', hi: 'कॉन्फ़िगरेशन फ़ाइल पढ़ी नहीं जा सकी।' };

/** The refusal code in `#/config-refused/<code>`, or null. */
export function configRefusalFromHash(hash: string): string | null {
  const m = /^#\/config-refused\/(E_[A-Z_]+)$/.exec(hash);
  return m ? m[1]! : null;
}

export function ConfigRefusedScreen({ code }: { code: string }) {
  const reason = REASONS[code] ?? FALLBACK;
  return (
    <main className="config-refused" data-testid="config-refused">
      <Card title="Kiosk configuration refused · कियोस्क कॉन्फ़िगरेशन अस्वीकृत" testId="config-refused-card">
        <Alert kind="error">
          <p lang="en">{reason.en}</p>
          <p lang="hi">{reason.hi}</p>
        </Alert>
        <p lang="en">This kiosk cannot be used until IT installs a configuration file signed by the central system. No customer data was touched.</p>
        <p lang="hi">जब तक आईटी केंद्रीय प्रणाली द्वारा हस्ताक्षरित कॉन्फ़िगरेशन फ़ाइल स्थापित नहीं करता, यह कियोस्क उपयोग नहीं किया जा सकता। किसी ग्राहक का डेटा प्रभावित नहीं हुआ।</p>
        <p className="small-print">
          Code for IT: <code data-testid="config-refused-code">{code}</code> · check with <code>npx vdex config verify</code>
        </p>
      </Card>
    </main>
  );
}
