package io.cairn.ops.testing;

import static io.cairn.ops.testing.RegistryClient.expect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Projects, users, members and robots made through Cairn's Harbor API, as the admin. */
public final class Accounts {
  private final RegistryClient admin;

  public Accounts(RegistryClient admin) {
    this.admin = admin;
  }

  public void project(String name, boolean isPublic) throws Exception {
    project(name, Map.of("public", Boolean.toString(isPublic)));
  }

  public void project(String name, Map<String, String> metadata) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("project_name", name)
            .put("metadata", new JsonObject(Map.<String, Object>copyOf(metadata)));
    expect(201, admin.post("/api/v2.0/projects", body.encode()));
  }

  public void metadata(String project, Map<String, String> metadata) throws Exception {
    JsonObject body =
        new JsonObject().put("metadata", new JsonObject(Map.<String, Object>copyOf(metadata)));
    expect(200, admin.put("/api/v2.0/projects/" + project, body.encode()));
  }

  /** A new user whose password follows from the name; returns how to sign in as them. */
  public Login user(String name) throws Exception {
    Login login = new Login(name, "Pw-" + name + "-1234");
    JsonObject body =
        new JsonObject()
            .put("username", name)
            .put("email", name + "@example.com")
            .put("realname", name)
            .put("password", login.secret());
    expect(201, admin.post("/api/v2.0/users", body.encode()));
    return login;
  }

  /** Makes an existing user a member of {@code project} with Harbor role {@code roleId}. */
  public void member(String project, String user, int roleId) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("role_id", roleId)
            .put("member_user", new JsonObject().put("username", user));
    expect(201, admin.post("/api/v2.0/projects/" + project + "/members", body.encode()));
  }

  /** A project robot with {@code resource:action} permissions; returns its name and secret. */
  public Login robot(String project, String name, List<String> permissions) throws Exception {
    HttpResponse<String> created =
        admin.post("/api/v2.0/robots", robotBody(project, name, permissions, 30).encode());
    expect(201, created);
    JsonObject answer = new JsonObject(created.body());
    return new Login(answer.getString("name"), answer.getString("secret"));
  }

  /** A {@code RobotCreate} body. */
  public static JsonObject robotBody(
      String project, String name, List<String> permissions, long duration) {
    JsonArray access = new JsonArray();
    for (String p : permissions) {
      String[] part = p.split(":");
      access.add(new JsonObject().put("resource", part[0]).put("action", part[1]));
    }
    return new JsonObject()
        .put("name", name)
        .put("level", "project")
        .put("duration", duration)
        .put(
            "permissions",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("kind", "project")
                        .put("namespace", project)
                        .put("access", access)));
  }
}
