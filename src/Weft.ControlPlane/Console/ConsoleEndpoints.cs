using System.Text.Json.Nodes;
using Microsoft.AspNetCore.StaticFiles;
using Weft.ControlPlane.Http;
using Weft.ControlPlane.Push;
using Weft.ControlPlane.Resources;

namespace Weft.ControlPlane.WebConsole;

/// <summary>
/// The web console and the one endpoint only it needs:
/// <list type="bullet">
/// <item><c>GET /console/...</c>: the built console's files, open without the token (the login page
/// asks for it; every API call then carries it). Any path that is not a file is a client route and
/// gets index.html, so reloads and links work. Without a build: 404 saying where to build it.
/// <c>GET /</c> from a browser redirects to <c>/console/</c>.</item>
/// <item><c>GET /apis/weft.io/v1/console/namespaces/NS/proxyconfig/NAME</c> (token required): what the
/// sidecar of workload NAME runs, read from its admin endpoint as `weft proxy-config` reads it:
/// <c>{proxy, snapshot, clusters}</c> (the config dump's snapshot and <c>/clusters?format=json</c>).</item>
/// <item><c>GET /apis/weft.io/v1/console/namespaces/NS/accesslog/NAME?lines=N</c> (token required): the
/// last N access-log lines of that sidecar, from its admin endpoint's <c>/access_log</c>:
/// <c>{proxy, lines}</c>, oldest first (Kiali's logs tab for the istio-proxy container).</item>
/// </list>
/// </summary>
public static partial class ConsoleEndpoints
{
    public const string Prefix = "/console";
    public const string ProxyConfigPattern = "/apis/weft.io/v1/console/namespaces/{ns}/proxyconfig/{name}";
    public const string AccessLogPattern = "/apis/weft.io/v1/console/namespaces/{ns}/accesslog/{name}";

    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Serves the files; call before the token check so the login page loads without a token.</summary>
    public static void UseFiles(WebApplication app, string? configuredDir)
    {
        var dir = ConsoleFiles.Locate(configuredDir);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEndpoints).FullName!);
        if (dir is null)
            LogNotBuilt(log, ConsoleFiles.NotBuiltMessage(configuredDir));
        else
            LogServing(log, dir);
        var types = new FileExtensionContentTypeProvider();
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path.Value ?? "";
            if (path == "/" && HttpMethods.IsGet(ctx.Request.Method) && ctx.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
            {
                ctx.Response.Redirect(Prefix + "/");
                return;
            }
            if (!path.Equals(Prefix, StringComparison.Ordinal) && !path.StartsWith(Prefix + "/", StringComparison.Ordinal))
            {
                await next(ctx);
                return;
            }
            if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
            {
                await HttpJson.WriteStatusAsync(ctx, ApiStatus.MethodNotAllowed($"{ctx.Request.Method} is not allowed on the console's files; they are read with GET"));
                return;
            }
            if (path == Prefix)
            {
                ctx.Response.Redirect(Prefix + "/");
                return;
            }
            if (dir is null)
            {
                ctx.Response.StatusCode = 404;
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync(ConsoleFiles.NotBuiltMessage(configuredDir) + "\n", ctx.RequestAborted);
                return;
            }
            await ServeAsync(ctx, dir, path[(Prefix.Length + 1)..], types);
        });
    }

    private static async Task ServeAsync(HttpContext ctx, string dir, string relative, FileExtensionContentTypeProvider types)
    {
        var file = relative.Length == 0 ? null : Path.GetFullPath(Path.Combine(dir, Uri.UnescapeDataString(relative)));
        // Only files inside the build: ../ cannot leave it.
        if (file is not null && (!file.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file)))
        {
            if (relative.StartsWith("assets/", StringComparison.Ordinal) || Path.HasExtension(relative))
            {
                ctx.Response.StatusCode = 404;
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync($"The console has no file {relative} (its build is at {dir}).\n", ctx.RequestAborted);
                return;
            }
            file = null;   // a client route: the app decides what it shows
        }
        file ??= Path.Combine(dir, "index.html");
        var isIndex = file.EndsWith("index.html", StringComparison.Ordinal);
        ctx.Response.ContentType = types.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        // Vite names assets by content hash, so they never change; index.html must always be fresh.
        ctx.Response.Headers.CacheControl = isIndex ? "no-cache" : "public, max-age=31536000, immutable";
        ctx.Response.ContentLength = new FileInfo(file).Length;
        if (HttpMethods.IsHead(ctx.Request.Method))
            return;
        await ctx.Response.SendFileAsync(file, ctx.RequestAborted);
    }

    /// <summary>The console's JSON endpoint; call after the token check is in place.</summary>
    public static void MapApi(WebApplication app, DiscoveryHost discovery)
    {
        // One client for every proxy's admin endpoint, its connections pooled: the console polls
        // these pages, and a connection per call cost more than the call (bench/run.sh console).
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = AdminTimeout, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = AdminTimeout,
        };
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(http.Dispose);

        app.MapGet(ProxyConfigPattern, (RequestDelegate)(async ctx =>
        {
            var proxy = ProxyOf(discovery, ctx, "proxy config", "config");
            var admin = new Uri($"http://{proxy.Node.AdminAddress}/");
            // Both at once: the page waits for the slower, not for the sum.
            var dumpTask = ReadAsync(http, admin, "config_dump", proxy.Id, proxy.Connected, ctx.RequestAborted);
            var clustersTask = ReadAsync(http, admin, "clusters?format=json", proxy.Id, proxy.Connected, ctx.RequestAborted);
            var dump = await dumpTask as JsonObject;
            var clusters = await clustersTask;
            // Moved, not copied: the parsed nodes leave their parents and join the answer.
            var snapshot = dump?["snapshot"];
            dump?.Remove("snapshot");
            await HttpJson.WriteAsync(ctx, 200, new JsonObject
            {
                ["apiVersion"] = "weft.io/v1",
                ["kind"] = "ProxyConfig",
                ["proxy"] = ProxyStatusEndpoints.ToJson(proxy),
                ["snapshot"] = snapshot,
                ["clusters"] = clusters,
            });
        }));

        app.MapGet(AccessLogPattern, (RequestDelegate)(async ctx =>
        {
            var proxy = ProxyOf(discovery, ctx, "access log", "access log");
            var linesText = ctx.Request.Query["lines"].ToString();
            var lines = 100;
            if (linesText.Length > 0 && (!int.TryParse(linesText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out lines) || lines is < 1 or > 1000))
                throw new ApiException(ApiStatus.BadRequest($"cannot parse '{linesText}' for parameter 'lines': expected a whole number from 1 to 1000"));
            var admin = new Uri($"http://{proxy.Node.AdminAddress}/");
            string text;
            try
            {
                using var response = await http.GetAsync(new Uri(admin, $"access_log?lines={lines}"), ctx.RequestAborted);
                if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                    throw new ApiException(new ApiStatus(502, "BadGateway", $"proxy {proxy.Id} has no /access_log on its admin endpoint {admin}: it is older than this weftd"));
                response.EnsureSuccessStatusCode();
                text = await response.Content.ReadAsStringAsync(ctx.RequestAborted);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ctx.RequestAborted.IsCancellationRequested)
            {
                throw new ApiException(new ApiStatus(502, "BadGateway",
                    $"cannot read {admin}access_log of proxy {proxy.Id} ({(proxy.Connected ? "connected" : "disconnected")}): {e.Message}"));
            }
            await HttpJson.WriteAsync(ctx, 200, new JsonObject
            {
                ["apiVersion"] = "weft.io/v1",
                ["kind"] = "AccessLog",
                ["proxy"] = ProxyStatusEndpoints.ToJson(proxy),
                ["lines"] = new JsonArray([.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonNode)l)]),
            });
        }));
    }

    /// <summary>The connected proxy of workload {ns}/{name} (else the last one seen), with an admin address.</summary>
    private static Weft.Discovery.Protocol.ProxyStatus ProxyOf(DiscoveryHost discovery, HttpContext ctx, string what, string noun)
    {
        var ns = (string)ctx.Request.RouteValues["ns"]!;
        var name = (string)ctx.Request.RouteValues["name"]!;
        var proxies = discovery.Server.Proxies.Where(p => p.Node.Name == name && p.Node.Namespace == ns).ToList();
        var proxy = proxies.FirstOrDefault(p => p.Connected) ?? proxies.FirstOrDefault()
            ?? throw new ApiException(ApiStatus.NotFound($"no proxy of workload {name} in namespace {ns} has connected to this weftd (see GET /apis/weft.io/v1/proxies); a workload without a sidecar has no {what}"));
        if (string.IsNullOrEmpty(proxy.Node.AdminAddress))
            throw new ApiException(ApiStatus.NotFound($"proxy {proxy.Id} did not report an admin address, so its {noun} cannot be read"));
        return proxy;
    }

    private static async Task<JsonNode?> ReadAsync(HttpClient http, Uri admin, string path, string proxyId, bool connected, CancellationToken ct)
    {
        try
        {
            await using var body = await http.GetStreamAsync(new Uri(admin, path), ct);
            return await JsonNode.ParseAsync(body, cancellationToken: ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            throw new ApiException(new ApiStatus(502, "BadGateway",
                $"cannot read {admin}{path} of proxy {proxyId} ({(connected ? "connected" : "disconnected")}): {e.Message}"));
        }
    }

    [LoggerMessage(1801, LogLevel.Information, "Console served at /console/ from {Dir}")]
    private static partial void LogServing(ILogger log, string dir);

    [LoggerMessage(1802, LogLevel.Warning, "{Message}")]
    private static partial void LogNotBuilt(ILogger log, string message);
}
