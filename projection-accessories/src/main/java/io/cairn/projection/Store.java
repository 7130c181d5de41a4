package io.cairn.projection;

/**
 * The RocksDB stores the projection folds events into. Every key starts with the record key of the
 * events that write it (the repository, or the project for {@link #PROJECTS}), so a key lives in
 * the same partition as the events that made it, and a repository's rows are contiguous.
 *
 * <pre>
 * manifests     repo SEP digest                  → ManifestEntry (JSON)
 * tags          repo SEP tag                     → digest
 * tags-of       repo SEP digest SEP tag          → "" (the tags again, by what they name)
 * parents       repo SEP child SEP index         → "" (the indexes that list a manifest)
 * accessories   repo SEP subject SEP accessory   → AccessoryEntry (JSON)
 * blobs         repo SEP digest                  → size
 * repositories  repo                             → RepositoryEntry (JSON)
 * projects      project                          → ProjectEntry (JSON)
 * users         username                         → UserEntry (JSON)      partition key ""
 *               registry-endpoint SEP id(19 digits) → RegistryEndpointEntry (JSON)
 *               replication-policy SEP id(19 digits) → ReplicationPolicyEntry (JSON)
 *               replication-execution SEP id(19 digits) → ReplicationExecutionEntry (JSON)
 *               replication-task SEP execution id SEP task id (19 digits each) → ReplicationTaskEntry (JSON)
 *               replication-task-log SEP execution id SEP task id → the task's log (text)
 * members       project SEP username             → MemberEntry (JSON)
 * robots        project SEP robot name           → RobotEntry (JSON)
 * trust         project SEP cosign SEP name      → CosignKeyEntry (JSON)
 *               project SEP notation SEP name    → NotationStoreEntry (JSON)
 *               project SEP policy               → Notation trust policy (JSON document)
 *               project SEP generation           → count of trust-material changes
 * verdicts      repo SEP subject                 → VerdictEntry (JSON)
 * immutable     project SEP rule SEP id(19 digits) → ImmutableRuleEntry (JSON)
 *               project SEP highest              → the highest rule id ever given
 * </pre>
 */
public enum Store {
  MANIFESTS("cairn-manifests"),
  /**
   * {@code repo child index} → "": the indexes that list a manifest, one prefix scan (deleting an
   * index, a pull gated by content trust, Harbor's inherited accessories). A {@link DerivedIndex}.
   */
  PARENTS("cairn-parents"),
  TAGS("cairn-tags"),
  /**
   * {@code repo digest tag} → "": the tags seen from the manifest they name, so a manifest's tags
   * are one prefix scan, not a scan of every tag of its repository (thousands, in a repository a CI
   * pushes to). A {@link DerivedIndex}.
   */
  TAGS_OF("cairn-tags-of"),
  /** {@code repo tag} → when the tag was last set (epoch millis). */
  TAG_TIMES("cairn-tag-times"),
  /** {@code repo subject accessory} → {@link AccessoryEntry}: the links, seen from the subject. */
  ACCESSORIES("cairn-accessories"),
  /** {@code repo accessory subject} → type: the same links, seen from the accessory. */
  ACCESSORY_OF("cairn-accessory-of"),
  BLOBS("cairn-blobs"),
  REPOSITORIES("cairn-repositories"),
  PROJECTS("cairn-projects"),
  /**
   * Registry-wide rows (partition key {@link #REGISTRY_WIDE}): users under their name, and rows of
   * other kinds under keys with a {@link #SEP}, which no user name has (registry endpoints,
   * replication policies, executions and their tasks).
   */
  USERS("cairn-users"),
  MEMBERS("cairn-members"),
  ROBOTS("cairn-robots"),
  TRUST("cairn-trust"),
  VERDICTS("cairn-verdicts"),
  IMMUTABLE_RULES("cairn-immutable-rules");

  /** The event key (and so the partition) of registry-wide events such as users. */
  public static final String REGISTRY_WIDE = "";

  /**
   * Separates key parts. A space appears in no repository name, tag or digest, and sorts before
   * every character they use, so a prefix scan of {@code repo SEP} is exactly that repository.
   */
  public static final char SEP = ' ';

  private final String storeName;

  Store(String storeName) {
    this.storeName = storeName;
  }

  public String storeName() {
    return storeName;
  }

  /**
   * Joins two key parts with {@link #SEP}: the form of every key a pull reads (tag, manifest,
   * verdict, trust generation), so without the varargs array and joiner of the general form.
   */
  public static String key(String first, String second) {
    return first + SEP + second;
  }

  /** Joins key parts with {@link #SEP}. */
  public static String key(String... parts) {
    return String.join(String.valueOf(SEP), parts);
  }

  /** The prefix of every key whose leading parts are {@code parts}. */
  public static String prefix(String... parts) {
    return key(parts) + SEP;
  }
}
