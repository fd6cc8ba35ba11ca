using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Http;

/// <summary>Watch streaming with a real HttpClient against a real weftd process.</summary>
public class WatchTests(WeftdFixture weftd) : IClassFixture<WeftdFixture>
{
    private HttpClient Api => weftd.Client;

    private static string ConfigMap(string name, string value = "v", string labels = "{}") =>
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"@0@","labels":@1@},"data":{"k":"@2@"}}""".Replace("@0@", name, StringComparison.Ordinal).Replace("@1@", labels, StringComparison.Ordinal).Replace("@2@", value, StringComparison.Ordinal);

    private static JsonObject Parse(ApiResponse r) => (JsonObject)JsonNode.Parse(r.Body)!;

    private static string Rv(ApiResponse r) => Parse(r)["metadata"]!["resourceVersion"]!.ToString();

    private async Task<string> ListRvAsync(string path) => Rv(await Api.ApiGetAsync(path));

    [Fact]
    public async Task A_watch_streams_ADDED_MODIFIED_and_DELETED_events_as_JSON_lines()
    {
        var rv = await ListRvAsync("api/v1/namespaces/w-basic/configmaps");
        await using var watch = await WatchReader.OpenAsync(Api, $"api/v1/namespaces/w-basic/configmaps?watch=true&resourceVersion={rv}");
        watch.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        watch.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");

        var created = Parse(await Api.ApiPostAsync("api/v1/namespaces/w-basic/configmaps", ConfigMap("cm")));
        var line = await watch.NextLineAsync();
        line.Should().Be($$"""{"type":"ADDED","object":{{created.ToJsonString()}}}""");

        created["data"]!["k"] = "changed";
        var updated = await Api.ApiPutAsync("api/v1/namespaces/w-basic/configmaps/cm", created.ToJsonString());
        (await watch.NextSummaryAsync()).Should().Be($"MODIFIED cm {Rv(updated)}");

        await Api.ApiDeleteAsync("api/v1/namespaces/w-basic/configmaps/cm");
        var deleted = await watch.NextAsync();
        deleted["type"]!.ToString().Should().Be("DELETED");
        deleted["object"]!["data"]!["k"]!.ToString().Should().Be("changed", "a DELETED event carries the object's last state");
        long.Parse(deleted["object"]!["metadata"]!["resourceVersion"]!.ToString(), CultureInfo.InvariantCulture)
            .Should().Be(long.Parse(Rv(updated), CultureInfo.InvariantCulture) + 1, "at the revision of the deletion");
    }

    [Fact]
    public async Task A_watch_from_a_resourceVersion_replays_every_change_after_it()
    {
        var first = await Api.ApiPostAsync("api/v1/namespaces/w-replay/configmaps", ConfigMap("a"));
        var second = await Api.ApiPostAsync("api/v1/namespaces/w-replay/configmaps", ConfigMap("b"));
        var third = await Api.ApiPostAsync("apis/weft.io/v1/apply",
            """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"w-replay"},"data":{"k":"v2"}}]}""");
        third.Code.Should().Be(HttpStatusCode.OK);
        await using var watch = await WatchReader.OpenAsync(Api, $"api/v1/namespaces/w-replay/configmaps?watch=1&resourceVersion={Rv(first)}");
        (await watch.NextSummaryAsync()).Should().Be($"ADDED b {Rv(second)}");
        (await watch.NextSummaryAsync()).Should().StartWith("MODIFIED a ");
    }

    [Fact]
    public async Task A_watch_without_resourceVersion_starts_with_the_current_state_and_a_bookmark()
    {
        await Api.ApiPostAsync("api/v1/namespaces/w-initial/configmaps", ConfigMap("x"));
        await Api.ApiPostAsync("api/v1/namespaces/w-initial/configmaps", ConfigMap("y"));
        var listRv = await ListRvAsync("api/v1/namespaces/w-initial/configmaps");
        await using var watch = await WatchReader.OpenAsync(Api, "api/v1/namespaces/w-initial/configmaps?watch=true&allowWatchBookmarks=true");
        (await watch.NextSummaryAsync()).Should().StartWith("ADDED x ");
        (await watch.NextSummaryAsync()).Should().StartWith("ADDED y ");
        var bookmark = await watch.NextLineAsync();
        long.Parse(((JsonObject)JsonNode.Parse(bookmark!)!)["object"]!["metadata"]!["resourceVersion"]!.ToString(), CultureInfo.InvariantCulture)
            .Should().BeGreaterThanOrEqualTo(long.Parse(listRv, CultureInfo.InvariantCulture));
        bookmark.Should().MatchRegex("""^\{"type":"BOOKMARK","object":\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"resourceVersion":"\d+","annotations":\{"k8s.io/initial-events-end":"true"\}\}\}\}$""");
        await Api.ApiPostAsync("api/v1/namespaces/w-initial/configmaps", ConfigMap("z"));
        (await watch.NextSummaryAsync()).Should().StartWith("ADDED z ");
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_objects_enter_and_leave_its_selection()
    {
        var rv = await ListRvAsync("api/v1/namespaces/w-sel/configmaps");
        await using var watch = await WatchReader.OpenAsync(Api, $"api/v1/namespaces/w-sel/configmaps?watch=true&resourceVersion={rv}&labelSelector=tier%3Dfront");
        Task<ApiResponse> Apply(string labels) => Api.ApiPostAsync("apis/weft.io/v1/apply",
            """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"w-sel","labels":@0@}}]}""".Replace("@0@", labels, StringComparison.Ordinal));
        await Apply("""{"tier":"back"}""");
        await Apply("""{"tier":"front"}""");
        await Apply("""{"tier":"front","v":"2"}""");
        await Apply("""{"tier":"back"}""");
        await Api.ApiPostAsync("api/v1/namespaces/w-sel/configmaps", ConfigMap("marker", labels: """{"tier":"front"}"""));
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
            seen.Add(string.Join(' ', (await watch.NextSummaryAsync()).Split(' ')[..2]));
        seen.Should().Equal("ADDED cm", "MODIFIED cm", "DELETED cm", "ADDED marker");
    }

    [Fact]
    public async Task A_watch_of_all_namespaces_sees_every_namespace()
    {
        var rv = await ListRvAsync("apis/apps/v1/deployments");
        await using var watch = await WatchReader.OpenAsync(Api, $"apis/apps/v1/deployments?watch=true&resourceVersion={rv}");
        await Api.ApiPostAsync("apis/apps/v1/namespaces/w-all-1/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"one"}}""");
        await Api.ApiPostAsync("apis/apps/v1/namespaces/w-all-2/deployments", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"two"}}""");
        var a = await watch.NextAsync();
        var b = await watch.NextAsync();
        new[] { a, b }.Select(e => e["object"]!["metadata"]!["namespace"]!.ToString()).Should().Equal("w-all-1", "w-all-2");
    }

    [Fact]
    public async Task A_watch_with_timeoutSeconds_ends_by_itself()
    {
        await using var watch = await WatchReader.OpenAsync(Api, "api/v1/namespaces/w-timeout/configmaps?watch=true&resourceVersion=1&timeoutSeconds=1");
        (await watch.NextLineAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
    }

    [Fact]
    public async Task A_malformed_resourceVersion_is_400()
    {
        (await Api.ApiGetAsync("api/v1/namespaces/w/configmaps?watch=true&resourceVersion=abc")).Should().Be(new ApiResponse(HttpStatusCode.BadRequest,
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"resourceVersion \"abc\" is not valid: it must be a resourceVersion this server returned (a positive decimal number)","reason":"BadRequest","code":400}"""));
    }
}

/// <summary>A weftd that keeps only three revisions of history.</summary>
public sealed class ShortHistoryWeftdFixture : IAsyncLifetime
{
    public WeftdProcess Weftd { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Weftd = await WeftdProcess.StartAsync(new WeftdStart { Args = ["--watch-history", "3"] }, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Weftd.DisposeAsync();
}

public class CompactedWatchTests(ShortHistoryWeftdFixture weftd) : IClassFixture<ShortHistoryWeftdFixture>
{
    [Fact]
    public async Task A_watch_from_a_compacted_resourceVersion_is_410_Gone()
    {
        using var api = weftd.Weftd.CreateClient();
        var first = await api.ApiPostAsync("api/v1/namespaces/gone/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm0"}}""");
        var rv = JsonNode.Parse(first.Body)!["metadata"]!["resourceVersion"]!.ToString();
        for (var i = 1; i <= 5; i++)
            await api.ApiPostAsync("api/v1/namespaces/gone/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm@0@"}}""".Replace("@0@", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var current = long.Parse(rv, CultureInfo.InvariantCulture) + 5;
        var oldest = current - 3;   // three revisions of history: current-2..current; a watch may resume from current-3
        (await api.ApiGetAsync($"api/v1/namespaces/gone/configmaps?watch=true&resourceVersion={rv}")).Should().Be(new ApiResponse(HttpStatusCode.Gone,
            $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: {{rv}} ({{oldest}}): the history before resourceVersion {{oldest}} has been compacted; list again and watch from the list's resourceVersion","reason":"Gone","code":410}"""));

        await using var ok = await WatchReader.OpenAsync(api, $"api/v1/namespaces/gone/configmaps?watch=true&resourceVersion={oldest}");
        ok.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ok.NextSummaryAsync()).Should().StartWith("ADDED cm3 ");
    }
}
