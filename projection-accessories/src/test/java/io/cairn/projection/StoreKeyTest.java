package io.cairn.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StoreKeyTest {

  @Test
  void theTwoPartFormJoinsAsTheGeneralOne() {
    String repository = "shop/app";
    String digest = "sha256:" + "ab".repeat(32);
    assertEquals(Store.key(new String[] {repository, digest}), Store.key(repository, digest));
    assertEquals(Store.key(new String[] {"", ""}), Store.key("", ""));
    assertEquals(Store.prefix(repository, "v1"), Store.key(repository, "v1") + Store.SEP);
  }
}
