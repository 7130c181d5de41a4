package io.cairn.api.sealing;

/** A value that claims to be sealed but is not a well-formed sealed value this Cairn reads. */
public final class MalformedSealException extends IllegalArgumentException {
  public MalformedSealException(String why) {
    super(why);
  }
}
