using System.Globalization;
using System.Text;
using System.Text.Json;
using Weft.Discovery.Codec;
using Weft.Proxy.Hosting;
using Weft.Proxy.Runtime;
using Weft.Proxy.Telemetry;

namespace Weft.Proxy.Admin;

/// <summary>
/// The admin endpoint (:15000), Envoy's shape: GET / lists every endpoint with its help; the
/// mutating ones take POST only. <c>weft proxy-config</c> reads /config_dump.
/// </summary>
public static class AdminEndpoints
{
    public static readonly AdminEndpoint[] All =
    [
        new("/", "this list", false),
        new("/config_dump", "the live snapshot as JSON, with its version, when it was applied, the last rejected one and the push stream's state", false, "resource=listeners|routes|clusters|endpoints|security|telemetry: only that part"),
        new("/clusters", "every cluster's endpoints with health, outlier state and requests", false, "format=json"),
        new(AccessLogEndpoint.Path, AccessLogEndpoint.Help, false, AccessLogEndpoint.Parameters),
        new("/ready", "200 LIVE once a snapshot is serving; 503 PRE_INITIALIZING before, DRAINING while shutting down", false),
        new("/stats", "counters: downstream, per cluster, snapshots", false),
        new(MemoryEndpoint.Path, MemoryEndpoint.Help, false),
        new("/workload_health", "the WorkloadGroup probe's verdict on the app (Healthy, Unhealthy, Unknown, NoProbe), why and since when", false),
        new("/logging", "the log level; POST ?level=debug changes it", false, "level=trace|debug|information|warning|error (POST)"),
        new("/drain_listeners", "stop accepting on every listener; requests in flight finish within the drain period", true),
        new("/quitquitquit", "drain and exit", true),
    ];

    public static void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Text(Help(), "text/plain"));
        app.MapGet("/config_dump", ConfigDump);
        app.MapGet("/clusters", Clusters);
        app.MapGet(AccessLogEndpoint.Path, AccessLogEndpoint.Handle);
        app.MapGet("/ready", (ProxyRuntime runtime, ProxyState state) =>
            state.Draining ? Results.Text("DRAINING\n", "text/plain", statusCode: 503)
            : runtime.Current is null ? Results.Text("PRE_INITIALIZING\n", "text/plain", statusCode: 503)
            : Results.Text("LIVE\n", "text/plain"));
        app.MapGet("/stats", Stats);
        app.MapGet(MemoryEndpoint.Path, MemoryEndpoint.Handle);
        app.MapGet("/logging", (LogLevelSwitch levels) => Results.Text($"active level: {levels.Level}\n", "text/plain"));
        app.MapPost("/logging", (HttpContext ctx, LogLevelSwitch levels) =>
        {
            var level = ctx.Request.Query["level"].ToString();
            if (!Enum.TryParse<LogLevel>(level, ignoreCase: true, out var parsed) || parsed == LogLevel.None)
                return Results.Text($"cannot parse '{level}' for parameter 'level': expected trace, debug, information, warning or error\n", "text/plain", statusCode: 400);
            levels.Level = parsed;
            return Results.Text($"active level: {parsed}\n", "text/plain");
        });
        app.MapPost("/drain_listeners", async (ProxyRuntime runtime, ProxyState state) =>
        {
            state.Draining = true;
            await runtime.Listeners.DrainAllAsync();
            return Results.Text("OK\n", "text/plain");
        });
        app.MapPost("/quitquitquit", (IHostApplicationLifetime life) =>
        {
            life.StopApplication();
            return Results.Text("OK\n", "text/plain");
        });
        foreach (var e in All.Where(e => e.Mutates))
            app.MapGet(e.Path, () => Results.Text($"{e.Path} changes the proxy: use POST\n", "text/plain", statusCode: 405));
    }

    private static string Help()
    {
        var sb = new StringBuilder("admin commands are:\n");
        foreach (var e in All)
        {
            sb.Append("  ").Append(e.Path).Append(e.Mutates ? " (POST)" : "").Append(": ").Append(e.Help).Append('\n');
            if (e.Parameters is { } p)
                sb.Append("      ").Append(p).Append('\n');
        }
        return sb.ToString();
    }

    private static IResult ConfigDump(HttpContext ctx, ProxyRuntime runtime, ProxyState state)
    {
        var live = runtime.Current;
        using var doc = live is null ? null : JsonDocument.Parse(SnapshotCodec.Encode(live.Source));
        var resource = ctx.Request.Query["resource"].ToString();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            if (resource.Length > 0)
            {
                var key = resource switch { "routes" => "routeConfigurations", _ => resource };
                if (doc is null || !doc.RootElement.TryGetProperty(key, out var part))
                    w.WriteStartArray();
                else
                {
                    part.WriteTo(w);
                    w.Flush();
                    return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
                }
                w.WriteEndArray();
                w.Flush();
                return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
            }
            w.WriteStartObject();
            w.WriteString("version", live?.Version);
            if (live is not null)
                w.WriteString("appliedAt", live.AppliedAt);
            if (runtime.LastRejected is { } rej)
            {
                w.WriteStartObject("lastRejected");
                w.WriteString("version", rej.Version);
                w.WriteString("error", rej.Error);
                w.WriteEndObject();
            }
            var d = state.Discovery;
            w.WriteStartObject("discovery");
            w.WriteBoolean("connected", d.Connected);
            w.WriteString("controlPlane", d.ControlPlane);
            w.WriteString("lastAckedVersion", d.LastAckedVersion);
            w.WriteString("lastNackedVersion", d.LastNackedVersion);
            w.WriteString("lastNackError", d.LastNackError);
            w.WriteNumber("reconnects", d.Reconnects);
            w.WriteString("lastError", d.LastError);
            w.WriteEndObject();
            w.WritePropertyName("snapshot");
            if (doc is null)
                w.WriteNullValue();
            else
                doc.RootElement.WriteTo(w);
            w.WriteEndObject();
        }
        return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    private static IResult Clusters(HttpContext ctx, ProxyRuntime runtime)
    {
        var live = runtime.Current;
        var json = ctx.Request.Query["format"] == "json";
        var c = CultureInfo.InvariantCulture;
        if (json)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteStartArray("clusters");
                foreach (var cl in live?.Clusters.Values ?? [])
                {
                    w.WriteStartObject();
                    w.WriteString("name", cl.Name);
                    w.WriteStartArray("endpoints");
                    foreach (var ep in cl.Endpoints.All)
                    {
                        w.WriteStartObject();
                        w.WriteString("address", ep.Authority);
                        w.WriteString("health", ep.Spec.Health.ToString());
                        w.WriteBoolean("ejected", ep.IsEjected);
                        w.WriteNumber("timesEjected", ep.TotalEjections);
                        w.WriteNumber("activeRequests", ep.ActiveRequests);
                        w.WriteNumber("requestsTotal", Interlocked.Read(ref ep.RequestsTotal));
                        w.WriteNumber("requestsFailed", Interlocked.Read(ref ep.RequestsFailed));
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            return Results.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
        }
        var sb = new StringBuilder();
        foreach (var cl in live?.Clusters.Values ?? [])
        {
            foreach (var ep in cl.Endpoints.All)
            {
                var prefix = $"{cl.Name}::{ep.Authority}::";
                var flags = ep.IsEjected ? "/failed_outlier_check" : ep.IsHealthy ? "healthy" : "/failed_eds_health";
                sb.Append(prefix).Append("health_flags::").Append(flags).Append('\n');
                sb.Append(prefix).Append("weight::").Append(ep.Spec.Weight.ToString(c)).Append('\n');
                sb.Append(prefix).Append("rq_active::").Append(ep.ActiveRequests.ToString(c)).Append('\n');
                sb.Append(prefix).Append("rq_total::").Append(Interlocked.Read(ref ep.RequestsTotal).ToString(c)).Append('\n');
                sb.Append(prefix).Append("rq_error::").Append(Interlocked.Read(ref ep.RequestsFailed).ToString(c)).Append('\n');
                sb.Append(prefix).Append("outlier_ejections::").Append(ep.TotalEjections.ToString(c)).Append('\n');
            }
        }
        return Results.Text(sb.ToString(), "text/plain");
    }

    private static IResult Stats(ProxyRuntime runtime, ProxyCounters counters, AccessLog accessLog)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        foreach (var (name, value) in counters.All())
            sb.Append(name).Append(": ").Append(value.ToString(c)).Append('\n');
        sb.Append("access_log.dropped: ").Append(Interlocked.Read(ref accessLog.Dropped).ToString(c)).Append('\n');
        foreach (var cl in runtime.Current?.Clusters.Values ?? [])
            foreach (var (name, value) in cl.Stats.All())
                sb.Append("cluster.").Append(cl.Name).Append('.').Append(name).Append(": ").Append(value.ToString(c)).Append('\n');
        return Results.Text(sb.ToString(), "text/plain");
    }
}
