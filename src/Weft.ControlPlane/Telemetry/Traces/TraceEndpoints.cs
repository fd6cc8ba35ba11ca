using System.Globalization;
using System.Text.Json.Nodes;
using Weft.ControlPlane.Http;
using Weft.Discovery.Telemetry;

namespace Weft.ControlPlane.Telemetry.Traces;

/// <summary>
/// The trace collector and Jaeger's query API on weftd's REST address:
/// <c>POST /v1/traces</c> (OTLP/HTTP protobuf; open like an OpenTelemetry collector, since
/// proxies hold no API token) and, with the token, <c>GET /api/services</c>,
/// <c>/api/services/{service}/operations</c>, <c>/api/traces?service=&amp;operation=&amp;limit=&amp;lookback=1h</c>
/// and <c>/api/traces/{traceID}</c> in Jaeger's JSON shape, so Jaeger tooling (and Kiali) can read them.
/// </summary>
public static class TraceEndpoints
{
    public const string OtlpPath = "/v1/traces";

    public static void Map(WebApplication app, TraceStore store, TimeProvider time)
    {
        app.MapPost(OtlpPath, (RequestDelegate)(async ctx =>
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            if (OtlpCodec.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is not { } spans)
            {
                ctx.Response.StatusCode = 400;
                await ctx.Response.WriteAsync("the body is not an OTLP ExportTraceServiceRequest (protobuf)\n", ctx.RequestAborted);
                return;
            }
            store.Add(spans);
            ctx.Response.ContentType = OtlpCodec.ContentType;
            ctx.Response.StatusCode = 200;   // an empty ExportTraceServiceResponse
        }));
        app.MapGet("/api/services", (RequestDelegate)(ctx => Data(ctx, new JsonArray([.. store.Services().Select(s => (JsonNode)s)]))));
        app.MapGet("/api/services/{service}/operations", (RequestDelegate)(ctx =>
            Data(ctx, new JsonArray([.. store.Operations((string)ctx.Request.RouteValues["service"]!).Select(s => (JsonNode)s)]))));
        app.MapGet("/api/traces", (RequestDelegate)(ctx =>
        {
            var q = ctx.Request.Query;
            var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : 20;
            var lookback = TelemetryEndpoints.ParseDuration(q["lookback"].ToString() is { Length: > 0 } lb ? lb : "1h") ?? TimeSpan.FromHours(1);
            var since = (time.GetUtcNow() - lookback - DateTimeOffset.UnixEpoch).Ticks * 100;
            var service = q["service"].ToString() is { Length: > 0 } s ? s : null;
            var operation = q["operation"].ToString() is { Length: > 0 } o ? o : null;
            return Data(ctx, new JsonArray([.. store.Find(service, operation, since, limit).Select(t => (JsonNode)Jaeger(t))]));
        }));
        app.MapGet("/api/traces/{traceId}", (RequestDelegate)(ctx =>
        {
            var id = (string)ctx.Request.RouteValues["traceId"]!;
            return store.Trace(id) is { } trace
                ? Data(ctx, new JsonArray(Jaeger(trace)))
                : HttpJson.WriteAsync(ctx, 404, new JsonObject { ["data"] = null, ["errors"] = new JsonArray(new JsonObject { ["code"] = 404, ["msg"] = $"trace {id} not found" }) });
        }));
    }

    private static Task Data(HttpContext ctx, JsonArray data) => HttpJson.WriteAsync(ctx, 200, new JsonObject
    {
        ["data"] = data, ["total"] = data.Count, ["limit"] = 0, ["offset"] = 0, ["errors"] = null,
    });

    /// <summary>One trace in Jaeger's query JSON: spans with microsecond times, CHILD_OF references and one process per service.</summary>
    public static JsonObject Jaeger(IReadOnlyList<OtlpSpan> spans)
    {
        var processes = new JsonObject();
        var processIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in spans.Select(s => s.Service).Distinct(StringComparer.Ordinal))
        {
            var pid = $"p{processIds.Count + 1}";
            processIds[service] = pid;
            processes[pid] = new JsonObject { ["serviceName"] = service, ["tags"] = new JsonArray() };
        }
        var list = new JsonArray();
        foreach (var s in spans.OrderBy(s => s.StartUnixNano))
        {
            var tags = new JsonArray();
            foreach (var (k, v) in s.Attributes)
                tags.Add(new JsonObject { ["key"] = k, ["type"] = "string", ["value"] = v });
            tags.Add(new JsonObject { ["key"] = "span.kind", ["type"] = "string", ["value"] = s.Kind switch { 2 => "server", 3 => "client", _ => "internal" } });
            list.Add(new JsonObject
            {
                ["traceID"] = s.TraceId,
                ["spanID"] = s.SpanId,
                ["operationName"] = s.Name,
                ["references"] = s.ParentSpanId is { } p
                    ? new JsonArray(new JsonObject { ["refType"] = "CHILD_OF", ["traceID"] = s.TraceId, ["spanID"] = p })
                    : new JsonArray(),
                ["startTime"] = s.StartUnixNano / 1000,
                ["duration"] = (s.EndUnixNano - s.StartUnixNano) / 1000,
                ["tags"] = tags,
                ["logs"] = new JsonArray(),
                ["processID"] = processIds[s.Service],
                ["flags"] = 1,
                ["warnings"] = null,
            });
        }
        return new JsonObject { ["traceID"] = spans[0].TraceId, ["spans"] = list, ["processes"] = processes, ["warnings"] = null };
    }
}
