/**
 * Ed25519 public keys (PEM) of the central API's configuration signer, built into the app so they
 * sit inside the integrity-checked ASAR. Release step (README "Releasing"): put the bank's key here.
 * Empty, a production kiosk refuses every configuration file (E_CONFIG_NO_TRUSTED_KEY).
 * Keep the old key during a key rotation until every branch has a file signed by the new one.
 */
export const TRUSTED_CONFIG_KEYS: readonly string[] = [];
