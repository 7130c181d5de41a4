package io.cairn.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.Access;
import org.junit.jupiter.api.Test;

class RefusalsTest {
  @Test
  void signInSaysWhatWasAskedInAUsersWords() {
    assertEquals("sign in to use this registry", Refusals.signIn(Access.Registry.PING));
    assertEquals("sign in to create a project", Refusals.signIn(Access.Registry.CREATE_PROJECT));
    assertEquals(
        "sign in to pull from shop/app",
        Refusals.signIn(Access.repository("shop/app", Action.PULL)));
    assertEquals(
        "sign in to push to shop/app", Refusals.signIn(Access.repository("shop/app", Action.PUSH)));
    assertEquals(
        "sign in to manage project shop", Refusals.signIn(Access.project("shop", Action.MANAGE)));
  }

  @Test
  void aTokenIsToldTheScopeToAskFor() {
    assertEquals(
        "your token does not allow you to pull from shop/app: ask for scope"
            + " repository:shop/app:pull",
        Refusals.tokenLacks(
            new Access.OnRepository("shop/app", Action.PULL), "repository:shop/app:pull"));
  }

  @Test
  void noMessageNamesAnActionEnum() {
    for (Action action : Action.values()) {
      String said = Refusals.signIn(Access.repository("p/r", action));
      assertEquals(said.toLowerCase(java.util.Locale.ROOT), said, "an enum name leaked: " + said);
    }
  }
}
