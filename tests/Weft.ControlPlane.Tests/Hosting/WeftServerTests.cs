using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Weft.ControlPlane.Hosting;
using Weft.ControlPlane.Tests.Http;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Hosting;

/// <summary>The control plane started in-process, as later components and tools embed it.</summary>
public class WeftServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WeftServerOptions Options(TempDir dir, TimeSpan? bookmarks = null) => new()
    {
        DataDir = dir.File("data"),
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
        BookmarkInterval = bookmarks ?? TimeSpan.FromSeconds(30),
        Logging = l => l.SetMinimumLevel(LogLevel.None),
    };

    private static HttpClient Client(WeftServer server) => new()
    {
        BaseAddress = server.Address,
        DefaultRequestHeaders = { Authorization = new("Bearer", server.Token) },
    };

    [Fact]
    public async Task Two_servers_run_side_by_side_in_one_process_and_stop_cleanly()
    {
        using var dirA = Repo.TempDir("weft-a");
        using var dirB = Repo.TempDir("weft-b");
        await using var a = await WeftServer.StartAsync(Options(dirA), Ct);
        await using var b = await WeftServer.StartAsync(Options(dirB), Ct);
        a.Address.Port.Should().NotBe(0);
        a.Address.Should().NotBe(b.Address);
        using var apiA = Client(a);
        (await apiA.ApiPostAsync("api/v1/namespaces/n/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""")).Code
            .Should().Be(HttpStatusCode.Created);
        (await b.Store.StatusAsync(Ct)).Revision.Should().Be(1);
        await a.StopAsync(Ct);
        await a.StopAsync(Ct);   // stopping twice is harmless
        var act = async () => await apiA.GetAsync("healthz", Ct);
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task The_same_data_directory_cannot_be_opened_twice()
    {
        using var dir = Repo.TempDir("weft-lock");
        await using var first = await WeftServer.StartAsync(Options(dir), Ct);
        var act = () => WeftServer.StartAsync(Options(dir), Ct);
        (await act.Should().ThrowAsync<DataDirectoryException>()).Which.Message.Should().StartWith("another weftd is already using the data directory");
    }

    [Fact]
    public async Task An_idle_watch_that_allows_bookmarks_gets_one_every_interval()
    {
        using var dir = Repo.TempDir("weft-bm");
        await using var server = await WeftServer.StartAsync(Options(dir, bookmarks: TimeSpan.FromMilliseconds(300)), Ct);
        using var api = Client(server);
        await api.ApiPostAsync("api/v1/namespaces/bm/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}""");
        await using var watch = await WatchReader.OpenAsync(api, "api/v1/namespaces/bm/configmaps?watch=true&resourceVersion=1&allowWatchBookmarks=true");
        (await watch.NextSummaryAsync()).Should().Be("ADDED c 2");
        // Changes elsewhere move the revision a bookmark reports without sending this watcher anything else.
        await api.ApiPostAsync("api/v1/namespaces/other/configmaps", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}""");
        JsonObject bookmark;
        do
            bookmark = await watch.NextAsync(TimeSpan.FromSeconds(5));
        while (bookmark["object"]!["metadata"]!["resourceVersion"]!.ToString() != "3");
        bookmark.ToJsonString().Should().Be("""{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"3"}}}""");
    }
}
