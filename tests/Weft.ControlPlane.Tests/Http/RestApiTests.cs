using System.Net;
using System.Text.Json.Nodes;
using Weft.Api.Kinds;

namespace Weft.ControlPlane.Tests.Http;

/// <summary>Every REST verb and every error of the API, against a real weftd process, with exact Status JSON.</summary>
public class RestApiTests(WeftdFixture weftd) : IClassFixture<WeftdFixture>
{
    private HttpClient Api => weftd.Client;

    private static string ConfigMap(string name, string data = """{"k":"v"}""", string labels = "{}", string extraMeta = "") =>
        $$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{name}}","labels":{{labels}}{{extraMeta}}},"data":{{data}}}""";

    private static JsonObject Parse(ApiResponse r) => (JsonObject)JsonNode.Parse(r.Body)!;

    private static string Rv(ApiResponse r) => Parse(r)["metadata"]!["resourceVersion"]!.ToString();

    [Fact]
    public async Task Health_probes_answer_without_a_token()
    {
        using var anonymous = weftd.Weftd.CreateAnonymousClient();
        (await anonymous.ApiGetAsync("healthz")).Should().Be(new ApiResponse(HttpStatusCode.OK, "ok"));
        (await anonymous.ApiGetAsync("readyz")).Should().Be(new ApiResponse(HttpStatusCode.OK, "ok"));
    }

    [Theory]
    [InlineData("version")]
    [InlineData("api/v1/namespaces")]
    [InlineData("apis/weft.io/v1/kinds")]
    [InlineData("no/such/path")]
    public async Task A_request_without_a_token_is_401_with_a_Status(string path)
    {
        using var anonymous = weftd.Weftd.CreateAnonymousClient();
        using var response = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized: this request needs a bearer token (Authorization: Bearer TOKEN); the token is in the file \"token\" of weftd's data directory","reason":"Unauthorized","code":401}""");
    }

    [Theory]
    [InlineData("not-the-token")]
    [InlineData("")]
    public async Task A_request_with_a_wrong_token_is_401_with_a_Status(string token)
    {
        var wrong = token.Length == 0 ? weftd.Weftd.Token[..^1] : token;   // one character short is still wrong
        using var client = weftd.Weftd.CreateClient(wrong);
        (await client.ApiGetAsync("version")).Should().Be(new ApiResponse(HttpStatusCode.Unauthorized,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized: the bearer token is not valid for this weftd (each data directory has its own token)","reason":"Unauthorized","code":401}"""));
    }

    [Fact]
    public async Task Version_answers_with_the_token()
    {
        var r = await Api.ApiGetAsync("version");
        r.Code.Should().Be(HttpStatusCode.OK);
        Parse(r)["store"]!.ToString().Should().Be("sqlite");
        Parse(r)["gitVersion"]!.ToString().Should().StartWith("v");
    }

    [Fact]
    public async Task Objects_are_created_read_listed_updated_and_deleted()
    {
        var created = await Api.ApiPostAsync("api/v1/namespaces/crud/configmaps", ConfigMap("one"));
        created.Code.Should().Be(HttpStatusCode.Created);
        var obj = Parse(created);
        obj["metadata"]!["namespace"]!.ToString().Should().Be("crud");
        obj["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);

        (await Api.ApiGetAsync("api/v1/namespaces/crud/configmaps/one")).Body.Should().Be(created.Body);

        var list = Parse(await Api.ApiGetAsync("api/v1/namespaces/crud/configmaps"));
        list["kind"]!.ToString().Should().Be("ConfigMapList");
        list["items"]!.AsArray().Should().ContainSingle();

        obj["data"] = new JsonObject { ["k"] = "changed" };
        var updated = await Api.ApiPutAsync("api/v1/namespaces/crud/configmaps/one", obj.ToJsonString());
        updated.Code.Should().Be(HttpStatusCode.OK);
        Parse(updated)["data"]!["k"]!.ToString().Should().Be("changed");
        long.Parse(Rv(updated), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThan(long.Parse(Rv(created), System.Globalization.CultureInfo.InvariantCulture));
        Parse(updated)["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);

        var deleted = await Api.ApiDeleteAsync("api/v1/namespaces/crud/configmaps/one");
        deleted.Code.Should().Be(HttpStatusCode.OK);
        deleted.Body.Should().Be(updated.Body, "the response is the object's last state");
        (await Api.ApiGetAsync("api/v1/namespaces/crud/configmaps/one")).Code.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_an_object_that_exists_is_409_AlreadyExists()
    {
        await Api.ApiPostAsync("api/v1/namespaces/dup/configmaps", ConfigMap("twice"));
        (await Api.ApiPostAsync("api/v1/namespaces/dup/configmaps", ConfigMap("twice"))).Should().Be(new ApiResponse(HttpStatusCode.Conflict,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"twice\" already exists","reason":"AlreadyExists","details":{"name":"twice","kind":"configmaps"},"code":409}"""));
    }

    [Fact]
    public async Task Reading_a_missing_object_is_404_NotFound()
    {
        (await Api.ApiGetAsync("apis/apps/v1/namespaces/nowhere/deployments/ghost")).Should().Be(new ApiResponse(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"ghost\" not found","reason":"NotFound","details":{"name":"ghost","group":"apps","kind":"deployments"},"code":404}"""));
    }

    [Fact]
    public async Task Updating_from_a_stale_resourceVersion_is_409_Conflict()
    {
        var first = Parse(await Api.ApiPostAsync("api/v1/namespaces/stale/configmaps", ConfigMap("cm")));
        var fresh = (JsonObject)first.DeepClone();
        fresh["data"] = new JsonObject { ["k"] = "first writer" };
        (await Api.ApiPutAsync("api/v1/namespaces/stale/configmaps/cm", fresh.ToJsonString())).Code.Should().Be(HttpStatusCode.OK);
        first["data"] = new JsonObject { ["k"] = "second writer, stale" };
        (await Api.ApiPutAsync("api/v1/namespaces/stale/configmaps/cm", first.ToJsonString())).Should().Be(new ApiResponse(HttpStatusCode.Conflict,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \"cm\": the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"cm","kind":"configmaps"},"code":409}"""));
    }

    [Fact]
    public async Task Updating_without_a_resourceVersion_is_422()
    {
        await Api.ApiPostAsync("api/v1/namespaces/norv/configmaps", ConfigMap("cm"));
        (await Api.ApiPutAsync("api/v1/namespaces/norv/configmaps/cm", ConfigMap("cm"))).Should().Be(new ApiResponse(HttpStatusCode.UnprocessableEntity,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ConfigMap \"cm\" is invalid: metadata.resourceVersion: Invalid value: 0: must be specified for an update","reason":"Invalid","details":{"name":"cm","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: 0: must be specified for an update","field":"metadata.resourceVersion"}]},"code":422}"""));
    }

    [Fact]
    public async Task Updating_a_missing_object_is_404()
    {
        (await Api.ApiPutAsync("api/v1/namespaces/none/configmaps/cm", ConfigMap("cm", extraMeta: ",\"resourceVersion\":\"1\""))).Should().Be(
            new ApiResponse(HttpStatusCode.NotFound,
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"cm\" not found","reason":"NotFound","details":{"name":"cm","kind":"configmaps"},"code":404}"""));
    }

    [Fact]
    public async Task A_name_in_the_body_that_differs_from_the_path_is_400()
    {
        (await Api.ApiPutAsync("api/v1/namespaces/names/configmaps/path-name", ConfigMap("body-name"))).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the name of the object (body-name) does not match the name on the URL (path-name)","reason":"BadRequest","code":400}"""));
        (await Api.ApiPostAsync("api/v1/namespaces/names/configmaps", ConfigMap("x", extraMeta: ",\"namespace\":\"elsewhere\""))).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the namespace of the provided object (elsewhere) does not match the namespace sent on the request (names)","reason":"BadRequest","code":400}"""));
    }

    [Fact]
    public async Task An_object_of_another_kind_than_the_path_is_400()
    {
        (await Api.ApiPostAsync("api/v1/namespaces/kinds/configmaps", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"}}""")).Should().Be(
            new ApiResponse(HttpStatusCode.BadRequest,
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the object is a Deployment (apps/v1, served as deployments.apps) but the request is for configmaps","reason":"BadRequest","code":400}"""));
    }

    [Fact]
    public async Task Deleting_a_missing_object_is_404_and_a_stale_precondition_is_409()
    {
        (await Api.ApiDeleteAsync("api/v1/namespaces/del/configmaps/ghost")).Code.Should().Be(HttpStatusCode.NotFound);
        var created = await Api.ApiPostAsync("api/v1/namespaces/del/configmaps", ConfigMap("cm"));
        var rv = long.Parse(Rv(created), System.Globalization.CultureInfo.InvariantCulture);
        var conflict = """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on configmaps \"cm\": Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: RV","reason":"Conflict","details":{"name":"cm","kind":"configmaps"},"code":409}"""
            .Replace("RV", rv.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        (await Api.ApiDeleteAsync("api/v1/namespaces/del/configmaps/cm?resourceVersion=1")).Should().Be(new ApiResponse(HttpStatusCode.Conflict, conflict));
        (await Api.ApiSendAsync(HttpMethod.Delete, "api/v1/namespaces/del/configmaps/cm", """{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"resourceVersion":"1"}}"""))
            .Should().Be(new ApiResponse(HttpStatusCode.Conflict, conflict));
        (await Api.ApiDeleteAsync($"api/v1/namespaces/del/configmaps/cm?resourceVersion={rv}")).Code.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_status_subresource_writes_only_the_status_and_keeps_the_generation()
    {
        var created = Parse(await Api.ApiPostAsync("apis/apps/v1/namespaces/st/deployments",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":1},"status":{"ignored":true}}"""));
        created.ContainsKey("status").Should().BeFalse();
        var withStatus = await Api.ApiPutAsync("apis/apps/v1/namespaces/st/deployments/web/status",
            """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":99},"status":{"readyReplicas":1}}""");
        withStatus.Code.Should().Be(HttpStatusCode.OK);
        var obj = Parse(withStatus);
        obj["spec"]!["replicas"]!.GetValue<int>().Should().Be(1, "/status changes nothing but the status");
        obj["status"]!.ToJsonString().Should().Be("""{"readyReplicas":1}""");
        obj["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        (await Api.ApiGetAsync("apis/apps/v1/namespaces/st/deployments/web/status")).Body.Should().Be(withStatus.Body);
    }

    [Fact]
    public async Task An_invalid_object_is_422_with_every_cause()
    {
        (await Api.ApiPostAsync("api/v1/namespaces/bad/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","colour":"red"},"data":{"k":5}}""")).Should().Be(
            new ApiResponse(HttpStatusCode.UnprocessableEntity,
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ConfigMap \"cm\" is invalid: [metadata.colour: unknown field \"colour\", data[k] in body must be of type string: \"integer\" (quote it: \"5\")]","reason":"Invalid","details":{"name":"cm","kind":"ConfigMap","causes":[{"reason":"FieldValueUnknown","message":"unknown field \"colour\"","field":"metadata.colour"},{"reason":"FieldValueTypeInvalid","message":"in body must be of type string: \"integer\" (quote it: \"5\")","field":"data[k]"}]},"code":422}"""));
        (await Api.ApiPostAsync("api/v1/namespaces/bad/configmaps", ConfigMap("a/b"))).Should().Be(new ApiResponse(HttpStatusCode.UnprocessableEntity,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"ConfigMap \"a/b\" is invalid: metadata.name: Invalid value: \"a/b\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')","reason":"Invalid","details":{"name":"a/b","kind":"ConfigMap","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"a/b\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')","field":"metadata.name"}]},"code":422}"""));
    }

    [Fact]
    public async Task A_kinds_semantic_errors_are_422_with_every_cause()
    {
        if (KindRegistry.Default.Find("security.istio.io", "PeerAuthentication") is not { } pa)
        {
            Assert.Skip("PeerAuthentication is not registered yet");
            return;
        }
        var r = await Api.ApiPostAsync($"apis/security.istio.io/{pa.PreferredVersion}/namespaces/mtls/peerauthentications",
            """{"apiVersion":"@0@","kind":"PeerAuthentication","metadata":{"name":"pa"},"spec":{"portLevelMtls":{"0":{"mode":"STRICT"}}}}""".Replace("@0@", pa.PreferredApiVersion, StringComparison.Ordinal));
        r.Code.Should().Be(HttpStatusCode.UnprocessableEntity);
        var status = Parse(r);
        status["reason"]!.ToString().Should().Be("Invalid");
        status["details"]!["kind"]!.ToString().Should().Be("PeerAuthentication");
        status["details"]!["group"]!.ToString().Should().Be("security.istio.io");
        status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.ToString()).Should().Equal("spec.portLevelMtls[0]", "spec");
    }

    [Fact]
    public async Task Objects_of_kinds_Weft_does_not_know_are_stored_as_written_under_their_group()
    {
        var widget = """{"apiVersion":"example.com/v1alpha1","kind":"Widget","metadata":{"name":"w1","labels":{"a":"b"}},"spec":{"size":3,"parts":[{"x":1.5}]},"extra":"kept"}""";
        var created = Parse(await Api.ApiPostAsync("apis/example.com/v1alpha1/namespaces/unknown/widgets", widget));
        created["spec"]!.ToJsonString().Should().Be("""{"size":3,"parts":[{"x":1.5}]}""");
        created["extra"]!.ToString().Should().Be("kept");
        var list = Parse(await Api.ApiGetAsync("apis/example.com/v1alpha1/widgets"));
        list["kind"]!.ToString().Should().Be("WidgetList");
        list["items"]![0]!["metadata"]!["name"]!.ToString().Should().Be("w1");

        (await Api.ApiPostAsync("apis/example.com/v1alpha1/namespaces/unknown/gadgets", widget.Replace("w1", "w2", StringComparison.Ordinal))).Should().Be(
            new ApiResponse(HttpStatusCode.BadRequest,
                """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the object is a Widget (example.com/v1alpha1, served as widgets.example.com) but the request is for gadgets.example.com","reason":"BadRequest","code":400}"""));
        (await Api.ApiGetAsync("apis/example.com/v1alpha1/namespaces/empty/gadgets")).Body.Should().StartWith(
            """{"apiVersion":"example.com/v1alpha1","kind":"List","metadata":{"resourceVersion":""");
    }

    [Fact]
    public async Task A_list_carries_its_kind_and_the_revision_it_was_read_at()
    {
        var last = await Api.ApiPostAsync("api/v1/namespaces/lists/configmaps", ConfigMap("b"));
        await Api.ApiPostAsync("api/v1/namespaces/lists/configmaps", ConfigMap("a"));
        var list = Parse(await Api.ApiGetAsync("api/v1/namespaces/lists/configmaps"));
        list["apiVersion"]!.ToString().Should().Be("v1");
        list["kind"]!.ToString().Should().Be("ConfigMapList");
        long.Parse(list["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(long.Parse(Rv(last), System.Globalization.CultureInfo.InvariantCulture));
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()).Should().Equal("a", "b");
    }

    [Theory]
    [InlineData("app=web", "web")]
    [InlineData("app==web", "web")]
    [InlineData("app!=web", "db,plain")]
    [InlineData("app in (web,db)", "db,web")]
    [InlineData("app notin (web)", "db,plain")]
    [InlineData("canary", "web")]
    [InlineData("!canary", "db,plain")]
    [InlineData("app=db,!canary", "db")]
    public async Task Label_selectors_filter_lists(string selector, string expected)
    {
        var ns = "sel-" + Math.Abs(selector.GetHashCode(StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Api.ApiPostAsync($"api/v1/namespaces/{ns}/configmaps", ConfigMap("web", labels: """{"app":"web","canary":"true"}"""));
        await Api.ApiPostAsync($"api/v1/namespaces/{ns}/configmaps", ConfigMap("db", labels: """{"app":"db"}"""));
        await Api.ApiPostAsync($"api/v1/namespaces/{ns}/configmaps", ConfigMap("plain"));
        var list = Parse(await Api.ApiGetAsync($"api/v1/namespaces/{ns}/configmaps?labelSelector={Uri.EscapeDataString(selector)}"));
        string.Join(",", list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString())).Should().Be(expected);
    }

    [Fact]
    public async Task A_malformed_label_selector_is_400()
    {
        (await Api.ApiGetAsync("api/v1/configmaps?labelSelector=" + Uri.EscapeDataString("app in (web"))).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"unable to parse labelSelector \"app in (web\": unexpected end of selector, expected: ',' or ')' in the list of values","reason":"BadRequest","code":400}"""));
    }

    [Fact]
    public async Task PATCH_is_405_MethodNotAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "api/v1/namespaces/p/configmaps/cm") { Content = new StringContent("{}") };
        using var response = await Api.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Equal("GET", "PUT", "DELETE");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Be(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"PATCH is not supported on configmaps \"cm\"; PUT the whole object, or apply it (POST /apis/weft.io/v1/apply)","reason":"MethodNotAllowed","code":405}""");
        (await Api.ApiDeleteAsync("api/v1/namespaces/p/configmaps")).Code.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await Api.ApiGetAsync("apis/weft.io/v1/apply")).Code.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Paths_in_the_wrong_scope_or_version_are_404_and_say_where_to_go()
    {
        (await Api.ApiGetAsync("api/v1/namespaces/x/namespaces")).Should().Be(new ApiResponse(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource: namespaces is cluster-scoped; use /api/v1/namespaces[/NAME]","reason":"NotFound","code":404}"""));
        (await Api.ApiGetAsync("api/v1/configmaps/cm")).Should().Be(new ApiResponse(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource: configmaps is namespaced; use /api/v1/namespaces/NAMESPACE/configmaps/cm","reason":"NotFound","code":404}"""));
        (await Api.ApiGetAsync("api/v9/namespaces/x/configmaps")).Should().Be(new ApiResponse(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource: configmaps is served at v1, not v9","reason":"NotFound","code":404}"""));
        (await Api.ApiGetAsync("apis/weft.io/v1/nonsense")).Should().Be(new ApiResponse(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource: weft.io serves only GET /apis/weft.io/v1/kinds, GET /apis/weft.io/v1/analysis and POST /apis/weft.io/v1/apply","reason":"NotFound","code":404}"""));
        (await Api.ApiGetAsync("nothing-here")).Should().Be(new ApiResponse(HttpStatusCode.NotFound,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource (GET /nothing-here)","reason":"NotFound","code":404}"""));
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_400()
    {
        var r = await Api.ApiPostAsync("api/v1/namespaces/j/configmaps", "{\"apiVersion\": ");
        r.Code.Should().Be(HttpStatusCode.BadRequest);
        Parse(r)["message"]!.ToString().Should().StartWith("the request body is not valid JSON: ");
        (await Api.ApiPostAsync("api/v1/namespaces/j/configmaps", "[1,2]")).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the request body must be a JSON object (one Kubernetes object)","reason":"BadRequest","code":400}"""));
        (await Api.ApiPostAsync("api/v1/namespaces/j/configmaps?dryRun=All", ConfigMap("x"))).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"dryRun is only supported by the batch apply (POST /apis/weft.io/v1/apply?dryRun=All)","reason":"BadRequest","code":400}"""));
    }

    [Fact]
    public async Task The_kinds_endpoint_describes_the_registry()
    {
        var kinds = Parse(await Api.ApiGetAsync("apis/weft.io/v1/kinds"));
        kinds["kind"]!.ToString().Should().Be("KindList");
        var items = kinds["items"]!.AsArray();
        items.Count.Should().Be(KindRegistry.Default.All.Count);
        var deployment = items.Single(i => i!["kind"]!.ToString() == "Deployment")!;
        deployment.ToJsonString().Should().Be(
            """{"group":"apps","kind":"Deployment","plural":"deployments","versions":["v1"],"shortNames":["deploy"],"namespaced":true,"support":"Stored"}""");
    }

    [Fact]
    public async Task Namespaces_that_only_hold_objects_are_listed_as_implicit()
    {
        await Api.ApiPostAsync("api/v1/namespaces/implicit-ns/configmaps", ConfigMap("cm"));
        await Api.ApiPostAsync("api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"explicit-ns","labels":{"team":"x"}}}""");
        var list = Parse(await Api.ApiGetAsync("api/v1/namespaces"));
        list["kind"]!.ToString().Should().Be("NamespaceList");
        var byName = list["items"]!.AsArray().ToDictionary(i => i!["metadata"]!["name"]!.ToString(), i => i!);
        byName["implicit-ns"].ToJsonString().Should().Be(
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"implicit-ns","annotations":{"weft.io/implicit":"true"}},"status":{"phase":"Active"}}""");
        byName["explicit-ns"]["metadata"]!["annotations"].Should().BeNull();
        (await Api.ApiGetAsync("api/v1/namespaces/implicit-ns")).Body.Should().Be(byName["implicit-ns"].ToJsonString());
        Parse(await Api.ApiGetAsync("api/v1/namespaces?labelSelector=team%3Dx"))["items"]!.AsArray()
            .Select(i => i!["metadata"]!["name"]!.ToString()).Should().Equal("explicit-ns");
    }

    [Fact]
    public async Task Typed_kinds_are_shown_in_the_version_of_the_path()
    {
        if (KindRegistry.Default.Find("security.istio.io", "PeerAuthentication") is not { Versions.Count: > 1 } pa)
        {
            Assert.Skip("PeerAuthentication with several versions is not registered yet");
            return;
        }
        var (v1, v2) = (pa.Versions[0], pa.Versions[1]);
        await Api.ApiPostAsync($"apis/security.istio.io/{v2}/namespaces/versions/peerauthentications",
            """{"apiVersion":"security.istio.io/@0@","kind":"PeerAuthentication","metadata":{"name":"default"},"spec":{"mtls":{"mode":"STRICT"}}}""".Replace("@0@", v2, StringComparison.Ordinal));
        Parse(await Api.ApiGetAsync($"apis/security.istio.io/{v1}/namespaces/versions/peerauthentications/default"))["apiVersion"]!.ToString()
            .Should().Be($"security.istio.io/{v1}");
    }

    [Fact]
    public async Task The_batch_apply_creates_configures_and_leaves_unchanged()
    {
        var batch = """{"apiVersion":"v1","kind":"List","items":[@0@,{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"apply"},"spec":{"replicas":1}}]}""".Replace("@0@", ConfigMap("a").Replace("\"name\":\"a\"", "\"name\":\"a\",\"namespace\":\"apply\"", StringComparison.Ordinal), StringComparison.Ordinal);
        var first = Parse(await Api.ApiPostAsync("apis/weft.io/v1/apply", batch));
        first["items"]!.AsArray().Select(i => i!["action"]!.ToString()).Should().Equal("created", "created");
        var rv = first["items"]![0]!["resourceVersion"]!.ToString();
        first["items"]![1]!["resourceVersion"]!.ToString().Should().Be(rv, "one batch is one revision");

        var again = await Api.ApiPostAsync("apis/weft.io/v1/apply", batch.Replace("\"replicas\":1", "\"replicas\":2", StringComparison.Ordinal));
        again.Code.Should().Be(HttpStatusCode.OK);
        var items = Parse(again)["items"]!.AsArray();
        items[0]!.ToJsonString().Should().Be($$"""{"apiVersion":"v1","kind":"ConfigMap","namespace":"apply","name":"a","action":"unchanged","resourceVersion":"{{rv}}"}""");
        items[1]!["action"]!.ToString().Should().Be("configured");

        var dry = Parse(await Api.ApiPostAsync("apis/weft.io/v1/apply?dryRun=All", batch.Replace("\"a\"", "\"b\"", StringComparison.Ordinal)));
        dry["items"]![0]!["action"]!.ToString().Should().Be("created");
        (await Api.ApiGetAsync("api/v1/namespaces/apply/configmaps/b")).Code.Should().Be(HttpStatusCode.NotFound, "a dry run writes nothing");
    }

    [Fact]
    public async Task A_batch_apply_with_errors_is_422_with_causes_per_item_and_writes_nothing()
    {
        var batch = """
            {"apiVersion":"v1","kind":"List","items":[
              {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"good","namespace":"apply-bad"},"data":{"k":"v"}},
              {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad","namespace":"apply-bad","labels":{"x":"not ok"}},"data":{"k":"v"}},
              {"apiVersion":"networking.istio.io/v1","kind":"VirtualServise","metadata":{"name":"typo","namespace":"apply-bad"}}]}
            """;
        (await Api.ApiPostAsync("apis/weft.io/v1/apply", batch)).Should().Be(new ApiResponse(HttpStatusCode.UnprocessableEntity,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"2 of 3 objects are invalid, so none was applied: [items[1].metadata.labels[x]: Invalid value: \"not ok\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?'), items[2].kind: Unsupported value: \"VirtualServise\": no kind \"VirtualServise\" in networking.istio.io/v1; did you mean \"VirtualService\"?]","reason":"Invalid","details":{"group":"weft.io","kind":"List","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: \"not ok\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')","field":"items[1].metadata.labels[x]"},{"reason":"FieldValueNotSupported","message":"Unsupported value: \"VirtualServise\": no kind \"VirtualServise\" in networking.istio.io/v1; did you mean \"VirtualService\"?","field":"items[2].kind"}]},"code":422}"""));
        (await Api.ApiGetAsync("api/v1/namespaces/apply-bad/configmaps/good")).Code.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_batch_apply_with_a_stale_resourceVersion_is_409_for_the_whole_batch()
    {
        var created = await Api.ApiPostAsync("api/v1/namespaces/apply-409/configmaps", ConfigMap("cm"));
        var rv = Rv(created);
        await Api.ApiPostAsync("apis/weft.io/v1/apply", """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"apply-409"},"data":{"k":"newer"}}]}""");
        var stale = """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"other","namespace":"apply-409"}},{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"apply-409","resourceVersion":"@0@"},"data":{"k":"stale"}}]}""".Replace("@0@", rv, StringComparison.Ordinal);
        var r = await Api.ApiPostAsync("apis/weft.io/v1/apply", stale);
        r.Code.Should().Be(HttpStatusCode.Conflict);
        Parse(r)["message"]!.ToString().Should().Be(
            "Operation cannot be fulfilled on configmaps \"cm\" (items[1]): the object has been modified; please apply your changes to the latest version and try again");
        (await Api.ApiGetAsync("api/v1/namespaces/apply-409/configmaps/other")).Code.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_batch_apply_that_is_not_a_list_is_400()
    {
        (await Api.ApiPostAsync("apis/weft.io/v1/apply", ConfigMap("x"))).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the apply body must be a List: {\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[...objects...]}","reason":"BadRequest","code":400}"""));
        (await Api.ApiPostAsync("apis/weft.io/v1/apply?dryRun=Some", """{"kind":"List","items":[]}""")).Code.Should().Be(HttpStatusCode.BadRequest);
    }
}
