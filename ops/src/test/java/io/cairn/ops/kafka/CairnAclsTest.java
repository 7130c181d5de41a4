package io.cairn.ops.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.ops.CairnConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The ACL table in README.md is what {@link CairnAcls} grants, row for row, so what operators are
 * told to grant is what every test run proves sufficient (the tests run each Cairn with exactly
 * these grants) and what the embedded broker applies.
 */
class CairnAclsTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void theReadmeTableIsTheList() throws Exception {
    CairnConfig defaults = CairnConfig.defaults(Path.of("data"));
    List<String> table = new ArrayList<>();
    table.add("| principal | resource | pattern | name | operations |");
    table.add("|---|---|---|---|---|");
    CairnAcls.cairn(defaults.topics(), defaults.applicationId())
        .forEach(g -> table.add(row("Cairn (`User:cairn`)", g)));
    CairnAcls.audit(defaults.topics()).forEach(g -> table.add(row("auditor (`User:audit`)", g)));
    String expected = String.join("\n", table);
    String readme = Files.readString(README);
    assertTrue(
        readme.contains(expected),
        "README.md must hold this table (Security: the event log):\n" + expected);
  }

  @Test
  void theEmbeddedBrokerGetsTheSameGrantsForItsTwoPrincipals() {
    TopicNames topics = TopicNames.defaults();
    List<AclBinding> embedded = CairnAcls.embedded(topics, "cairn-projection");
    List<AclBinding> expected =
        new ArrayList<>(
            CairnAcls.bindings(
                CairnAcls.user(EmbeddedKafka.CAIRN_USER),
                CairnAcls.cairn(topics, "cairn-projection")));
    expected.addAll(
        CairnAcls.bindings(CairnAcls.user(EmbeddedKafka.AUDIT_USER), CairnAcls.audit(topics)));
    assertEquals(expected, embedded);
  }

  @Test
  void theAuditorMayOnlyReadAndOnlyInItsOwnGroups() {
    for (CairnAcls.Grant grant : CairnAcls.audit(TopicNames.defaults())) {
      assertEquals(List.of(AclOperation.READ), grant.operations(), grant::toString);
      ResourcePattern r = grant.resource();
      if (r.resourceType() == ResourceType.GROUP) {
        assertEquals(CairnAcls.AUDIT_GROUP_PREFIX, r.name());
        assertTrue(!"cairn-projection".startsWith(r.name()), "Cairn's group is not the auditor's");
      }
    }
  }

  private static String row(String who, CairnAcls.Grant grant) {
    ResourcePattern r = grant.resource();
    return "| "
        + who
        + " | "
        + r.resourceType().name().toLowerCase().replace('_', ' ')
        + " | "
        + r.patternType().name().toLowerCase()
        + " | `"
        + r.name()
        + "` | "
        + grant.operations().stream().map(Enum::name).collect(Collectors.joining(", "))
        + " |";
  }
}
