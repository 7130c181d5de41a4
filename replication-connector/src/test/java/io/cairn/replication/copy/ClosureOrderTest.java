package io.cairn.replication.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.oci.Digest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClosureOrderTest {
  private final Map<Digest, Closure.Links> graph = new HashMap<>();

  private static Digest d(String name) {
    return Digest.sha256(name.getBytes());
  }

  private void link(String node, List<String> children, List<String> accessories) {
    graph.put(
        d(node),
        new Closure.Links(
            children.stream().map(ClosureOrderTest::d).toList(),
            accessories.stream().map(ClosureOrderTest::d).toList()));
  }

  private List<String> order(String root) {
    Map<Digest, String> names =
        Stream.of(
                "image",
                "sig",
                "sbom",
                "sbom-sig",
                "att",
                "index",
                "amd",
                "arm",
                "amd-sig",
                "arm-sig",
                "index-sig",
                "a",
                "b")
            .collect(Collectors.toMap(ClosureOrderTest::d, n -> n));
    return Closure.order(
            d(root), x -> graph.getOrDefault(x, new Closure.Links(List.of(), List.of())))
        .stream()
        .map(names::get)
        .toList();
  }

  @Test
  void aLoneImageIsItself() {
    assertEquals(List.of("image"), order("image"));
  }

  @Test
  void subjectThenAccessoriesThenTheirAccessories() {
    link("image", List.of(), List.of("sig", "sbom", "att"));
    link("sbom", List.of(), List.of("sbom-sig"));
    assertEquals(List.of("image", "sig", "sbom", "sbom-sig", "att"), order("image"));
  }

  @Test
  void indexChildrenWithTheirSignaturesComeBeforeTheIndex() {
    link("index", List.of("amd", "arm"), List.of("index-sig"));
    link("amd", List.of(), List.of("amd-sig"));
    link("arm", List.of(), List.of("arm-sig"));
    assertEquals(List.of("amd", "amd-sig", "arm", "arm-sig", "index", "index-sig"), order("index"));
  }

  @Test
  void aManifestReachedTwiceComesOnce() {
    link("index", List.of("amd", "amd"), List.of());
    link("amd", List.of(), List.of("amd-sig"));
    link("amd-sig", List.of(), List.of());
    assertEquals(List.of("amd", "amd-sig", "index"), order("index"));
  }

  @Test
  void aCycleIsCutWhereItCloses() {
    // Two manifests each claiming to be the other's accessory: each still comes once.
    link("a", List.of(), List.of("b"));
    link("b", List.of(), List.of("a"));
    assertEquals(List.of("a", "b"), order("a"));
  }

  @Test
  void everyManifestComesAfterWhatItRefersTo() {
    link("index", List.of("amd", "arm"), List.of("sbom"));
    link("amd", List.of(), List.of("amd-sig"));
    link("arm", List.of(), List.of("arm-sig"));
    link("sbom", List.of(), List.of("sbom-sig"));
    List<String> order = order("index");
    Map<String, String> refersTo =
        Map.of(
            "amd-sig", "amd",
            "arm-sig", "arm",
            "index", "arm",
            "sbom", "index",
            "sbom-sig", "sbom");
    refersTo.forEach(
        (later, earlier) ->
            org.junit.jupiter.api.Assertions.assertTrue(
                order.indexOf(earlier) < order.indexOf(later), later + " before " + earlier));
  }
}
