package io.cairn.api.accounts;

import io.cairn.oci.OciErrorCode;

/**
 * Harbor's rule for local passwords and chosen robot secrets: 8 to 128 characters with at least one
 * upper-case letter, one lower-case letter and one digit.
 */
final class PasswordPolicy {
  private PasswordPolicy() {}

  static void check(String field, String secret) {
    if (secret.length() < 8
        || secret.length() > 128
        || secret.chars().noneMatch(Character::isUpperCase)
        || secret.chars().noneMatch(Character::isLowerCase)
        || secret.chars().noneMatch(Character::isDigit)) {
      throw OciErrorCode.BAD_REQUEST.exception(
          field
              + " must be 8-128 characters with at least one upper-case letter, one lower-case"
              + " letter and one digit");
    }
  }
}
