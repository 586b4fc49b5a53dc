/**
 * The shapes of policy values, shared by the config validator (policy.ts) and the renderer,
 * which re-checks a policy before any value of it reaches a Dockerfile.
 */

/**
 * An exact Go release: 1.26.8 (a floating 1.26 is not exact).
 *
 * @public
 */
export const EXACT_GO_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/**
 * Alpine major.minor as the golang image tags use it (golang:1.26.8-alpine3.23).
 *
 * @public
 */
export const EXACT_ALPINE_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/**
 * A short standard version name: v1, 2026.1, v1-beta.
 *
 * @public
 */
export const STANDARD_VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/**
 * Numeric uid:gid without leading zeros.
 *
 * @public
 */
export const NUMERIC_USER = /^(0|[1-9]\d{0,9}):(0|[1-9]\d{0,9})$/;
/**
 * An image reference: optional registry[:port]/path, an optional tag and an optional sha256 digest.
 *
 * @public
 */
export const IMAGE_REFERENCE =
  /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;
